import { describe, expect, it } from 'vitest';
import { parseTextDocument } from './parse-text-document.js';
import { MAX_PARAGRAPH_LINES } from './text-blocks.js';

describe('a paragraph longer than any filing writes', () => {
  it('is reflowed in parts of at most MAX_PARAGRAPH_LINES lines, with a diagnostic, losing no word', () => {
    const count = MAX_PARAGRAPH_LINES * 2 + 500;
    const lines = Array.from(
      { length: count },
      (_, index) => `Line ${index} of the board's very long report on the quarter and its dividend.`,
    );
    const text = `${lines.join('\n')}\n`;
    const model = parseTextDocument(text);
    const paragraphs = model.pages.flatMap((page) => page.blocks).filter((block) => block.kind === 'paragraph');
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs.map((paragraph) => paragraph.text).join(' ')).toBe(lines.join(' '));
    // Each part's span is the text it was read from.
    for (const paragraph of paragraphs) {
      expect(text.slice(paragraph.span.start, paragraph.span.end).replaceAll('\n', ' ')).toBe(paragraph.text);
    }
    expect(model.diagnostics.filter((found) => found.code === 'text/paragraph-too-long')).toHaveLength(1);
  });

  it('leaves a paragraph of real length whole', () => {
    const lines = Array.from(
      { length: 300 },
      (_, index) => `Line ${index} of an ordinary paragraph of a filing, wrapped at eighty columns.`,
    );
    const model = parseTextDocument(`${lines.join('\n')}\n`);
    const paragraphs = model.pages.flatMap((page) => page.blocks).filter((block) => block.kind === 'paragraph');
    expect(paragraphs).toHaveLength(1);
    expect(model.diagnostics).toEqual([]);
  });
});
