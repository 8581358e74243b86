import { describe, expect, it } from 'vitest';
import { corpusSubmissionsAndSeed } from '../../test/shared-files.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { pageRanges, selectPageRange } from '../render/index.js';
import { readDocument } from './read-filing.js';

describe('parts of every corpus document', () => {
  it('meet without gaps, hold every block once and in order, and stay within the part size unless one block is larger', () => {
    let documents = 0;
    let pieces = 0;
    const failures: string[] = [];
    for (const { name, bytes } of corpusSubmissionsAndSeed()) {
      for (const document of parseSubmission(bytes).documents) {
        const read = readDocument(document);
        if (read.kind !== 'model' || read.model.pages.length === 0) continue;
        documents++;
        const { model } = read;
        const blocks = model.pages.flatMap((page) => page.blocks.map((block) => `${page.number}:${block.span.start}`));
        for (const maxChars of [8_000, 512 * 1024]) {
          const where = `${name} document ${document.sequence ?? '?'} at ${maxChars}`;
          const parts = pageRanges(model, maxChars);
          const shown: string[] = [];
          let end = 0;
          for (const range of parts) {
            if (range.start !== end) failures.push(`${where}: a part starts at ${range.start}, the one before ended at ${end}`);
            end = range.end;
            const part = selectPageRange(model, range);
            const partBlocks = part.pages.flatMap((page) => page.blocks);
            shown.push(...part.pages.flatMap((page) => page.blocks.map((block) => `${page.number}:${block.span.start}`)));
            const first = partBlocks[0];
            const last = partBlocks.at(-1);
            const oneBlock = partBlocks.length === 1 || (range.from === range.to && range.piece === undefined);
            if (first && last && last.span.end - first.span.start > maxChars && !oneBlock)
              failures.push(`${where}: part ${range.from}-${range.to} holds ${last.span.end - first.span.start} characters`);
            if (range.piece) pieces++;
          }
          if (end !== (model.pages.at(-1)?.span.end ?? 0)) failures.push(`${where}: the parts end at ${end}`);
          if (shown.join() !== blocks.join()) failures.push(`${where}: the parts do not hold every block once, in order`);
        }
      }
    }
    expect(documents).toBeGreaterThan(150);
    // The small part size cuts long pages of real documents into pieces: the sweep exercises them.
    console.log(`${documents} documents, ${pieces} pieces of long pages`);
    expect(pieces).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, 300_000);
});
