import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LINEAR_RATIO, scalingRatio } from '../../test/scaling.js';
import { projectRoot } from '../../test/shared-files.js';
import type { Block, DocumentModel } from '../model/document.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

function modelOf(block: Block): DocumentModel {
  const span = { start: 0, end: 0 };
  return {
    kind: 'document',
    sourceFormat: 'text',
    source: '',
    pages: [{ number: 1, label: null, blocks: [block], span }],
    diagnostics: [],
  };
}

/** Preformatted text with a long run of spaces that does not reach the end. */
const spacesInside = (n: number): DocumentModel =>
  modelOf({ kind: 'preformatted', text: `\n  \nstart${' '.repeat(n)}end   \n\n`, span: { start: 0, end: 0 } });

describe('preformatted text', () => {
  it('loses its blank lines before and its blanks after, and nothing else', () => {
    expect(renderText(spacesInside(3))).toBe('start   end\n');
    expect(renderMarkdown(spacesInside(3))).toBe('<!-- page 1 -->\n\n```\nstart   end\n```\n');
  });

  it('renders long runs of spaces in linear time (text and Markdown)', () => {
    for (const render of [renderText, renderMarkdown]) {
      const { ratio, small, large } = scalingRatio(spacesInside, (model) => render(model), 50_000);
      expect(ratio, `${render.name}: ${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
    }
  });
});

describe('one very long paragraph', () => {
  const paragraph = (n: number): DocumentModel =>
    modelOf({ kind: 'paragraph', text: 'word  and\nwords '.repeat(n), align: null, span: { start: 0, end: 0 } });

  it('wraps like the short one', () => {
    expect(renderText(paragraph(8), { width: 30 })).toBe(
      'word and words word and words\nword and words word and words\nword and words word and words\nword and words word and words\n',
    );
  });

  it('wraps in linear time', () => {
    const { ratio, small, large } = scalingRatio(paragraph, (model) => renderText(model), 50_000);
    expect(ratio, `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
  });

  it('renders 48 MB of paragraph as text within a heap of a few times its size', () => {
    // A separate process with a capped heap: the render must fit in it, and reports its own heap growth.
    const script = `
      const { renderText } = await import(${JSON.stringify(`${projectRoot}/src/render/render-text.ts`)});
      const text = 'word  and\\nwords '.repeat(3_000_000);
      const model = { kind: 'document', sourceFormat: 'text', source: '', diagnostics: [],
        pages: [{ number: 1, label: null, span: { start: 0, end: 0 }, blocks: [{ kind: 'paragraph', text, align: null, span: { start: 0, end: 0 } }] }] };
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      const out = renderText(model);
      // Collected first: what the render keeps, not the garbage a busy collector has not reached yet (the peak is
      // bounded by the capped heap, which a render of many copies would overrun).
      globalThis.gc();
      console.log(JSON.stringify({ input: text.length, output: out.length, growth: process.memoryUsage().heapUsed - before }));`;
    const stdout = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--max-old-space-size=400', '--expose-gc', '--input-type=module', '-e', script],
      {
        cwd: projectRoot,
        encoding: 'utf8',
      },
    );
    const { input, output, growth } = JSON.parse(stdout) as { input: number; output: number; growth: number };
    expect(input).toBe(48_000_000);
    expect(output).toBeGreaterThan(input * 0.8);
    // The output itself (one byte a character) and the lines it was joined from; never many copies of the input.
    expect(growth).toBeLessThan(4 * input);
  }, 300_000);
});
