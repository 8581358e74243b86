import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/store-conformance.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { openDocument } from '../pipeline/open-document.js';
import { DEFAULT_PART_CHARS } from '../pipeline/render-stored-document.js';
import { pageRanges, renderHtml } from '../render/index.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { ReadWriteStore } from '../store/store.js';
import { createApp } from './create-app.js';

/** A legacy ASCII 6-K of `pages` <PAGE>s, each a few paragraphs that say which page they are on. */
function longFiling(pages: number): string {
  const page = (n: number) =>
    `Paragraph one of page ${n}. ${'The company reported results for the quarter and the board met. '.repeat(20)}\n\n` +
    `Paragraph two of page ${n}. ${'Revenue grew and costs fell as the plan foresaw for the year. '.repeat(20)}\n`;
  const body = Array.from({ length: pages }, (_, index) => page(index + 1)).join('\n<PAGE>\n');
  return submissionOf('0000000001-10-000001', body);
}

/** A legacy ASCII 6-K of one page (no <PAGE> line) of `paragraphs` numbered paragraphs. */
function longPageFiling(paragraphs: number): string {
  const body = Array.from(
    { length: paragraphs },
    (_, index) => `Paragraph ${index + 1} of the long page. ${'The board met and the company reported its quarter. '.repeat(8)}`,
  ).join('\n\n');
  return submissionOf('0000000001-10-000002', body);
}

function submissionOf(accession: string, body: string): string {
  return `<SEC-DOCUMENT>${accession}.txt : 20100101\n<SEC-HEADER>${accession}.hdr.sgml : 20100101\nACCESSION NUMBER:\t\t${accession}\nCONFORMED SUBMISSION TYPE:\t6-K\nPUBLIC DOCUMENT COUNT:\t\t1\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>6-K\n<SEQUENCE>1\n<FILENAME>long.txt\n<TEXT>\n${body}\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n`;
}

const PAGES = 600;
const filing = longFiling(PAGES);
const accession = '0000000001-10-000001';
const PARAGRAPHS = 3000;
const longPage = longPageFiling(PARAGRAPHS);
const longPageAccession = '0000000001-10-000002';
let store: ReadWriteStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const folder = makeTempDir('edgarkit-parts-');
  writeFileSync(join(folder, 'long.txt'), filing);
  writeFileSync(join(folder, 'long-page.txt'), longPage);
  store = openSqliteStore(':memory:');
  await ingestPaths(store, [join(folder, 'long.txt'), join(folder, 'long-page.txt')], { workers: 0 });
  app = createApp({ store, renderThreads: 0, log: (error) => expect.fail(String(error)) });
});
afterAll(async () => {
  await store.close();
});

async function page(path: string, status = 200): Promise<string> {
  const response = await app.request(path);
  const text = await response.text();
  expect(response.status, `${path}: ${text.slice(0, 300)}`).toBe(status);
  return text;
}

/** The rendered document inside the page. */
function article(html: string): string {
  const open = html.indexOf('<article class="doc-body"');
  const start = html.indexOf('>', open) + 1;
  return html.slice(start, html.indexOf('</article>', start));
}

describe('a long document shown a part at a time', () => {
  const read = openDocument(parseSubmission(Buffer.from(filing)));
  if (read?.kind !== 'model') throw new Error('no document model');
  const parts = pageRanges(read.model, DEFAULT_PART_CHARS);

  it('is cut into parts of whole pages, each within the part size, together every page once', () => {
    expect(read.model.pages).toHaveLength(PAGES);
    expect(parts.length).toBeGreaterThan(1);
    let next = 1;
    for (const range of parts) {
      expect(range.from).toBe(next);
      const first = read.model.pages[range.from - 1];
      const last = read.model.pages[range.to - 1];
      if (!first || !last) throw new Error('part out of the document');
      expect(last.span.end - first.span.start).toBeLessThanOrEqual(DEFAULT_PART_CHARS);
      next = range.to + 1;
    }
    expect(next).toBe(PAGES + 1);
  });

  it('shows the first part with navigation, and the parts joined are the whole rendering', async () => {
    const first = await page(`/filings/${accession}/documents/1`);
    expect(first).toContain(`Pages 1–${parts[0]?.to} of ${PAGES} (part 1 of ${parts.length})`);
    expect(first).toContain(`href="/filings/${accession}/documents/1?part=2">next →</a>`);
    expect(first).toContain(`href="/api/filings/${accession}/documents/1?format=html">HTML</a>`);
    // A page of another part is linked there, a page of this one in place.
    // (the page list links the first 300 pages).
    const partOf300 = parts.findIndex((range) => range.from <= 300 && 300 <= range.to) + 1;
    expect(partOf300).toBeGreaterThan(1);
    expect(first).toContain(`href="/filings/${accession}/documents/1?part=${partOf300}#page-300"`);
    expect(first).toContain('href="#page-1"');
    const bodies = [article(first)];
    for (let part = 2; part <= parts.length; part++) bodies.push(article(await page(`/filings/${accession}/documents/1?part=${part}`)));
    for (const [index, body] of bodies.entries()) {
      const range = parts[index];
      if (!range) throw new Error('no such part');
      expect(body).toContain(`id="page-${range.from}"`);
      expect(body).toContain(`id="page-${range.to}"`);
      expect(body).not.toContain(`id="page-${range.to + 1}"`);
      expect(body.length).toBeLessThan(4 * DEFAULT_PART_CHARS);
    }
    expect(bodies.join('')).toBe(renderHtml(read.model, { fragment: true }));
  });

  it('opens the part that holds a marked span, and refuses a part that does not exist', async () => {
    const target = read.model.pages[PAGES - 10];
    if (!target) throw new Error('no such page');
    const html = await page(`/filings/${accession}/documents/1?start=${target.span.start + 5}&end=${target.span.start + 9}`);
    expect(article(html)).toContain(`id="page-${PAGES - 9}"`);
    expect(html).toContain(`(part ${parts.length} of ${parts.length})`);
    expect(await page(`/filings/${accession}/documents/1?part=${parts.length + 1}`, 404)).toContain(
      `Part ${parts.length + 1} does not exist: the document has ${parts.length} parts`,
    );
    expect(await page(`/filings/${accession}/documents/1?part=0`, 400)).toContain('part');
  });
});

describe('a page longer than a part, cut between its blocks', () => {
  const read = openDocument(parseSubmission(Buffer.from(longPage)));
  if (read?.kind !== 'model') throw new Error('no document model');
  const parts = pageRanges(read.model, DEFAULT_PART_CHARS);
  const blocks = read.model.pages[0]?.blocks ?? [];

  it('is cut into pieces of whole blocks within the part size that meet and cover the page', () => {
    expect(read.model.pages).toHaveLength(1);
    expect(blocks).toHaveLength(PARAGRAPHS);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    let nextBlock = 0;
    let nextStart = 0;
    for (const [index, range] of parts.entries()) {
      expect(range).toMatchObject({ from: 1, to: 1, start: nextStart });
      expect(range.piece).toMatchObject({ start: nextBlock, number: index + 1, of: parts.length });
      const piece = range.piece;
      if (!piece) throw new Error('not a piece');
      const first = blocks[piece.start];
      const last = blocks[piece.end - 1];
      if (!first || !last) throw new Error('piece out of the page');
      expect(last.span.end - first.span.start).toBeLessThanOrEqual(DEFAULT_PART_CHARS);
      nextBlock = piece.end;
      nextStart = range.end;
    }
    expect(nextBlock).toBe(PARAGRAPHS);
    expect(nextStart).toBe(read.model.pages[0]?.span.end);
  });

  it('shows each piece alone, every paragraph in exactly one of them, in order', async () => {
    const first = await page(`/filings/${longPageAccession}/documents/1`);
    expect(first).toContain(`Page 1 (piece 1 of ${parts.length}) of 1 (part 1 of ${parts.length})`);
    expect(first).toContain(`href="/filings/${longPageAccession}/documents/1?part=2">next →</a>`);
    const bodies = [article(first)];
    for (let part = 2; part <= parts.length; part++) bodies.push(article(await page(`/filings/${longPageAccession}/documents/1?part=${part}`)));
    const numbers = bodies.flatMap((body) => [...body.matchAll(/Paragraph (\d+) of the long page/g)].map((match) => Number(match[1])));
    expect(numbers).toEqual(Array.from({ length: PARAGRAPHS }, (_, index) => index + 1));
    for (const body of bodies) expect(body.length).toBeLessThan(4 * DEFAULT_PART_CHARS);
  });

  it('opens the piece that holds a marked span', async () => {
    const target = blocks[PARAGRAPHS - 5];
    if (!target) throw new Error('no such block');
    const html = await page(`/filings/${longPageAccession}/documents/1?start=${target.span.start}&end=${target.span.start + 9}`);
    expect(html).toContain(`(part ${parts.length} of ${parts.length})`);
    expect(article(html)).toContain(`Paragraph ${PARAGRAPHS - 4} of the long page`);
  });
});
