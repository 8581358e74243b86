import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { openDocument } from '../pipeline/open-document.js';
import { RENDER_FORMATS, renderDocument, renderDocumentInto, renderHtml } from '../render/index.js';
import { type RenderTextOptions, renderText, renderTextInto } from '../render/render-text.js';
import type { CliIo } from './io.js';
import { runCli } from './main.js';

describe('render of a very large document', () => {
  it('the pieces of renderTextInto join to exactly what renderText returns, on real filings and every page', () => {
    for (const file of [seedPath(), corpusPath('fpi/0000912282-09-000008.txt'), corpusPath('submissions/0001011438-98-000429.txt')]) {
      const read = openDocument(parseSubmission(readFileSync(file)));
      if (read?.kind !== 'model') throw new Error(`${file}: no document model`);
      expect(partsOf(read.model), file).toBe(renderText(read.model));
      let pieces = 0;
      renderTextInto(read.model, {}, () => pieces++);
      expect(pieces).toBeGreaterThan(10);
      expect(partsOf(read.model, { width: 0 })).toBe(renderText(read.model, { width: 0 }));
      read.model.pages.forEach((_, index) => {
        expect(partsOf(read.model, { page: index + 1 })).toBe(renderText(read.model, { page: index + 1 }));
      });
    }
  });

  it('every format, streamed, joins to exactly the whole-string rendering on real filings, whole and page by page', () => {
    const files = [
      seedPath(),
      corpusPath('fpi/0000912282-09-000008.txt'),
      corpusPath('submissions/0001011438-98-000429.txt'),
      corpusPath('html/20-f-0001062993-21-003193.html'),
      corpusPath('html/20-f-0000928385-01-500187.html'),
      corpusPath('nc/0001193125-10-145855.nc'),
    ];
    for (const file of files) {
      const read = openDocument(parseSubmission(readFileSync(file)));
      if (read?.kind !== 'model') throw new Error(`${file}: no document model`);
      const model = read.model;
      for (const format of RENDER_FORMATS) {
        const parts: string[] = [];
        renderDocumentInto(model, format, {}, (part) => parts.push(part));
        expect(parts.join(''), `${file} ${format}`).toBe(renderDocument(model, format));
        // Pieces, not one string: never one piece per document (a page or less each).
        if (model.pages.length > 1) expect(parts.length, `${file} ${format}`).toBeGreaterThanOrEqual(model.pages.length);
        for (const page of [1, Math.ceil(model.pages.length / 2), model.pages.length]) {
          const one: string[] = [];
          renderDocumentInto(model, format, { page, fragment: true }, (part) => one.push(part));
          expect(one.join(''), `${file} ${format} page ${page}`).toBe(renderDocument(model, format, { page, fragment: true }));
        }
      }
    }
  });

  it('a page that does not exist throws before any piece, in every format', () => {
    const read = openDocument(parseSubmission(readFileSync(seedPath())));
    if (read?.kind !== 'model') throw new Error('no document model');
    for (const format of RENDER_FORMATS) {
      const parts: string[] = [];
      expect(() => renderDocumentInto(read.model, format, { page: 999 }, (part) => parts.push(part))).toThrow(/Page 999 does not exist/);
      expect(parts).toEqual([]);
    }
  });

  it('holds no more than a batch and a block beyond the model while streaming, where the whole string holds all of it', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // The corpus's 2001 20-F in legacy ASCII (one page of 0.5 MB, hundreds of tables), eight times over.
    const ascii = readFileSync(corpusPath('html/20-f-0000928385-01-500187.html'), 'latin1')
      .replace(/^<html><body><div>/, '')
      .replace(/<\/div><\/body><\/html>\s*$/, '');
    const read = openDocument(
      parseSubmission(
        Buffer.from(
          `<DOCUMENT>\n<TYPE>20-F\n<SEQUENCE>1\n<TEXT>\n${new Array(8).fill(ascii).join('\n<PAGE>\n')}</TEXT>\n</DOCUMENT>\n`,
          'latin1',
        ),
      ),
    );
    if (read?.kind !== 'model') throw new Error('no document model');
    const model = read.model;
    expect(model.pages).toHaveLength(8);
    gc();
    const base = process.memoryUsage().heapUsed;
    // Streamed as the CLI writes it: batches of about 1 MiB, the live heap taken at each.
    let peak = 0;
    let streamed = 0;
    let batch: string[] = [];
    let batchLength = 0;
    const flush = (): void => {
      streamed += batch.join('').length;
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      batch = [];
      batchLength = 0;
    };
    renderDocumentInto(model, 'html', {}, (part) => {
      batch.push(part);
      batchLength += part.length;
      if (batchLength >= 1 << 20) flush();
    });
    flush();
    gc();
    const before = process.memoryUsage().heapUsed;
    const whole = renderHtml(model);
    gc();
    const wholeHeld = process.memoryUsage().heapUsed - before;
    expect(streamed).toBe(whole.length);
    expect(whole.length).toBeGreaterThan(8e6);
    // The whole string is the rendering (at least a byte a character); streamed, a batch (1 MiB of characters, at
    // most two bytes each) and what the renderer holds for the block at hand.
    expect(wholeHeld).toBeGreaterThan(whole.length);
    expect(peak).toBeLessThan(8 * 1024 * 1024);
    expect(peak * 4).toBeLessThan(wholeHeld);
  }, 240_000);

  it('is written in pieces of about 1 MiB, never as one string, and says the same', async () => {
    const line = 'The company reported results for the quarter and the board approved a dividend.\n';
    const body = line.repeat(100_000);
    const file = join(makeTempDir('edgarkit-large-'), 'large.txt');
    writeFileSync(
      file,
      `<DOCUMENT>\n<TYPE>6-K\n<SEQUENCE>1\n<TEXT>\nSECURITIES AND EXCHANGE COMMISSION\nFORM 6-K\n\n${body}</TEXT>\n</DOCUMENT>\n`,
    );
    const writes: string[] = [];
    const io: CliIo = {
      stdout: { write: (text: string) => writes.push(text) },
      stderr: { write: () => true },
      stdin: Readable.from([]),
      env: {},
    };
    expect(await runCli(['render', file], io)).toBe(0);
    expect(writes.length).toBeGreaterThan(5);
    for (const written of writes) expect(written.length).toBeLessThan((1 << 20) + 1000);
    const whole = writes.join('');
    expect(whole.length).toBeGreaterThan(body.length - 1000);
    const read = openDocument(parseSubmission(readFileSync(file)));
    if (read?.kind !== 'model') throw new Error('no document model');
    expect(whole).toBe(renderText(read.model));
  });
});

function partsOf(model: Parameters<typeof renderText>[0], options: RenderTextOptions = {}): string {
  const parts: string[] = [];
  renderTextInto(model, options, (part) => parts.push(part));
  return parts.join('');
}
