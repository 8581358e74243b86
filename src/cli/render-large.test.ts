import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { openDocument } from '../pipeline/open-document.js';
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
