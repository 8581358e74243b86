import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkParts } from '../../test/part-check.js';
import { corpusSubmissionsAndSeed } from '../../test/shared-files.js';
import { renderStoredDocumentAndSkeleton } from './render-stored-document.js';

describe('a part of a long legacy ASCII document read alone', () => {
  it('renders as the same part of the whole model, for every part of every corpus document, at 1,000 to 512K characters', () => {
    const total = { documents: 0, skeletons: 0, parts: 0, alone: 0, pieces: 0, failures: [] as string[], fallbacks: [] as string[] };
    for (const { name, bytes } of corpusSubmissionsAndSeed()) {
      // Every part answered whole against renderStoredDocument at 512K; at 8,000 the first, a middle and the last.
      const found = checkParts(
        name,
        bytes,
        [1_000, 3_000, 8_000, 512 * 1024],
        (part, count) => count < 40 || part === 1 || part === count || part === count >> 1,
      );
      for (const key of ['documents', 'skeletons', 'parts', 'alone', 'pieces'] as const) total[key] += found[key];
      total.failures.push(...found.failures);
      total.fallbacks.push(...found.fallbacks);
    }
    console.log(
      `${total.documents} legacy ASCII documents, ${total.skeletons} skeletons, ${total.parts} parts, ${total.alone} read alone (${total.pieces} pieces of pages); fallbacks: ${total.fallbacks.length}`,
      total.fallbacks.slice(0, 20),
    );
    expect(total.failures).toEqual([]);
    expect(total.skeletons).toBeGreaterThan(20);
    expect(total.pieces).toBeGreaterThan(20);
    expect(total.alone).toBeGreaterThan(total.parts * 0.95);
  }, 300_000);
});

/** A one-document legacy ASCII submission around `body`, its bytes written in `encoding`. */
function submissionOf(body: string, encoding: 'utf8' | 'latin1' = 'utf8', bom = false): Buffer {
  const head =
    '<SEC-DOCUMENT>0000000001-10-000009.txt : 20100101\n<SEC-HEADER>0000000001-10-000009.hdr.sgml : 20100101\nACCESSION NUMBER:\t\t0000000001-10-000009\nCONFORMED SUBMISSION TYPE:\t6-K\nPUBLIC DOCUMENT COUNT:\t\t1\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>6-K\n<SEQUENCE>1\n<FILENAME>parts.txt\n<TEXT>\n';
  const tail = '\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n';
  return Buffer.concat([
    Buffer.from(head, 'latin1'),
    bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
    Buffer.from(body, encoding),
    Buffer.from(tail, 'latin1'),
  ]);
}

const PARAGRAPH =
  'The company reported its results for the quarter, its dividend and its outlook for the year ahead,\nand the board met to approve them as the plan foresaw.';
const TABLE =
  '<TABLE>\n<CAPTION>\nRESULTS\n</CAPTION>\n<S>                          <C>          <C>\nRevenue                        1,234        5,678\nCosts                           (234)        (678)\n</TABLE>';
const LIST = '  o  First item of a list that runs on\n\n  o  Second item of the same list\n\n  o  Third item';
const CENTRED = '                              ANNUAL MEETING\n                         (Name of the registrant)';
const CHECKS =
  'Indicate by check mark whether the registrant files annual reports under cover of Form 20-F or Form 40-F.\n\n          Form 20-F  X        Form 40-F\n                    ---                ---';
const ALIGNED = 'Item                 2009          2008\nSales               1,000           900\nProfit                100            90';
const LABEL = '                                   - 7 -';

describe('parts read alone on made-up documents', () => {
  const check = (body: string, sizes: readonly number[], encoding: 'utf8' | 'latin1' = 'utf8', bom = false) => {
    const found = checkParts('made-up', submissionOf(body, encoding, bom), sizes, () => true);
    expect(found.failures).toEqual([]);
    return found;
  };

  it('reads pieces of long pages, lists that run across chunks, labels, centred lines, check boxes and tables alike', () => {
    const page = [PARAGRAPH, LIST, CENTRED, TABLE, CHECKS, ALIGNED, PARAGRAPH, LABEL].join('\n\n');
    const found = check(Array.from({ length: 12 }, () => page).join('\n<PAGE>\n'), [200, 400, 800, 3_000]);
    expect(found.pieces).toBeGreaterThan(50);
    expect(found.alone).toBe(found.parts);
  });

  it('reads a <TABLE> that runs over a <PAGE>, CRLF lines, a <PRE> wrapper, UTF-8, a byte-order mark and Windows-1252', () => {
    const crossing = `${PARAGRAPH}\n\n<TABLE>\n<S>          <C>\nFirst        1\n<PAGE>\nSecond       2\n</TABLE>\n\n${PARAGRAPH}`;
    const body = Array.from({ length: 6 }, (_, index) => `${crossing}\n\nPage ${index} — “quoted” café\n\n${LIST}`).join('\n<PAGE>\n');
    for (const sizes of [[300, 900, 5_000]]) {
      expect(check(body, sizes).alone).toBeGreaterThan(10);
      expect(check(body.replace(/\n/g, '\r\n'), sizes).alone).toBeGreaterThan(10);
      expect(check(`<PRE>${body}\n</PRE>`, sizes).alone).toBeGreaterThan(10);
      expect(check(body, sizes, 'utf8', true).alone).toBeGreaterThan(10);
      expect(check(body.replace(/[“”—]/g, '"'), sizes, 'latin1').alone).toBeGreaterThan(10);
    }
  });

  it('has no skeleton for a document with a <TABLE> left open: every part comes from the whole model', () => {
    const body = `${Array.from({ length: 8 }, () => PARAGRAPH).join('\n\n')}\n\n<TABLE>\n<S>     <C>\nOpen   1\n\n${PARAGRAPH}`;
    const bytes = submissionOf(body);
    const { rendered, skeleton } = renderStoredDocumentAndSkeleton(bytes, '1', { format: 'html', fragment: true, part: 1, partChars: 300 });
    expect(rendered.kind === 'model' && rendered.parts.length).toBeGreaterThan(1);
    expect(skeleton).toBeNull();
    expect(checkParts('open table', bytes, [300], () => true).fallbacks).toHaveLength(1);
  });

  it('reads from the whole model a piece whose chunk of lines reaches far beyond it (lines without a blank)', () => {
    // One chunk of 4,000 lines: paragraphs told apart by indentation only, so the page is cut inside the chunk.
    const lines = Array.from({ length: 4_000 }, (_, index) =>
      index % 4 === 0 ? '     Indented start of a paragraph of the chunk.' : 'A line that wraps the paragraph on and on.',
    );
    const bytes = submissionOf(`${Array.from({ length: 100 }, () => PARAGRAPH).join('\n\n')}\n\n${lines.join('\n')}`);
    const found = checkParts('one chunk', bytes, [8_000], () => true);
    expect(found.failures).toEqual([]);
    expect(found.parts).toBeGreaterThan(10);
    // The parts before the chunk are read alone; those in it (180K characters, past the 64K a stretch may reach
    // beyond its part) from the whole model.
    expect(found.alone).toBeGreaterThan(0);
    expect(found.fallbacks.length).toBeGreaterThan(0);
    expect(found.alone + found.fallbacks.length).toBe(found.parts);
  });
});

describe('parts read alone on generated documents', () => {
  const block = fc.constantFrom(
    PARAGRAPH,
    LIST,
    CENTRED,
    TABLE,
    CHECKS,
    ALIGNED,
    LABEL,
    '',
    '<PAGE>',
    '  - 3 -',
    'o  item',
    '</TABLE>',
    '<TABLE>\n<S> <C>\na  1\n</TABLE>',
  );
  it('renders every part as the whole model does', () => {
    let alone = 0;
    fc.assert(
      fc.property(
        fc.array(block, { minLength: 5, maxLength: 60 }),
        fc.constantFrom('\n', '\n\n', '\r\n'),
        fc.integer({ min: 80, max: 2_000 }),
        (blocks, separator, size) => {
          const body = blocks.join(separator);
          const found = checkParts('generated', submissionOf(body), [size], () => true);
          expect(found.failures).toEqual([]);
          alone += found.alone;
        },
      ),
      { numRuns: 150, seed: 20261204 },
    );
    expect(alone).toBeGreaterThan(300);
  });
});
