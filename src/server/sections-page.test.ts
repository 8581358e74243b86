import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath, projectRoot } from '../../test/shared-files.js';
import { runCli } from '../cli/main.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { ReadWriteStore } from '../store/store.js';
import { createApp } from './create-app.js';

const TWENTY_F = corpusPath('html/20-f-0001062993-21-003193.html');
const EIGHT_K = join(projectRoot, 'testdata', 'sections', '8-k-earnings.txt');

let store: ReadWriteStore;
let app: ReturnType<typeof createApp>;
const twentyFId = `local-${createHash('sha256').update(readFileSync(TWENTY_F)).digest('hex').slice(0, 20)}`;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await ingestPaths(store, [TWENTY_F, EIGHT_K], { workers: 0 });
  app = createApp({ store, log: (error) => expect.fail(String(error)) });
});
afterAll(async () => {
  await store.close();
});

async function page(path: string): Promise<string> {
  const response = await app.request(path);
  const text = await response.text();
  expect(response.status, `${path}: ${text.slice(0, 300)}`).toBe(200);
  return text;
}

describe('section navigator on the document page', () => {
  it('links every section found to an anchor the rendered document carries, before its heading', async () => {
    const html = await page(`/filings/${twentyFId}/documents/1`);
    const nav = html.slice(html.indexOf('<nav class="section-nav"'), html.indexOf('</nav>', html.indexOf('<nav class="section-nav"')));
    // A section in another part of the document (shown a part at a time) links to that part.
    const found = [...nav.matchAll(/href="(?:\/filings\/[^"?]+\?part=(\d+))?#(section-[^"]+)"/g)].map((match) => ({
      part: match[1] ?? null,
      anchor: match[2] as string,
    }));
    const links = found.map((link) => link.anchor);
    expect(links).toContain('section-1');
    expect(links).toContain('section-3.D');
    expect(links).toContain('section-16C');
    expect(links).toContain('section-19');
    const parts = new Map<string | null, string>([[null, html]]);
    for (const { part, anchor } of found) {
      if (!parts.has(part)) parts.set(part, await page(`/filings/${twentyFId}/documents/1?part=${part}`));
      const shown = parts.get(part) as string;
      const at = shown.indexOf(`id="${anchor}"`);
      expect(at, anchor).toBeGreaterThan(shown.indexOf('<article'));
    }
    // The anchor of Item 3 stands before the heading of Item 3, and after that of Item 2.
    const item3 = html.indexOf('id="section-3"');
    expect(html.indexOf('KEY INFORMATION', item3)).toBeGreaterThan(item3);
    expect(html.indexOf('OFFER STATISTICS AND EXPECTED TIMETABLE', html.indexOf('<article'))).toBeLessThan(item3);
  });

  it('shows an 8-K record with its items and its earnings release', async () => {
    const html = await page('/filings/0000000001-24-000001');
    expect(html).toContain('data-item="2.02"');
    expect(html).toContain('Results of Operations and Financial Condition');
    expect(html).toMatch(/Earnings release: <a href="\/filings\/0000000001-24-000001\/documents\/3">EX-99.2/);
  });

  it('lists a report’s sections on the filing page, each linking to its anchor', async () => {
    const html = await page(`/filings/${twentyFId}`);
    const link = new RegExp(`href="/filings/${twentyFId}/documents/1\\?at=(\\d+)#section-3\\.D"`).exec(html);
    expect(link).not.toBeNull();
    // The link opens the part that holds the section.
    const shown = await page(`/filings/${twentyFId}/documents/1?at=${link?.[1]}`);
    expect(shown.indexOf('id="section-3.D"')).toBeGreaterThan(shown.indexOf('<article'));
    expect(html).toMatch(/No heading found for: 16, 16G/);
  });
});

describe('edgarkit render --section', () => {
  it('renders only the section asked for', async () => {
    const io = captureIo();
    expect(await runCli(['render', TWENTY_F, '--section', '16B'], io)).toBe(0);
    expect(io.out()).toMatch(/^\s*ITEM 16B\.\s+CODE OF ETHICS/);
    expect(io.out()).not.toContain('PRINCIPAL ACCOUNTANT FEES');
    expect(io.out()).not.toContain('AUDIT COMMITTEE FINANCIAL EXPERT');
  });

  it('puts an anchor before every section heading in HTML output', async () => {
    const io = captureIo();
    expect(await runCli(['render', TWENTY_F, '--format', 'html'], io)).toBe(0);
    const out = io.out();
    const anchor = out.indexOf('id="section-3.D"');
    expect(anchor).toBeGreaterThan(-1);
    expect(out.indexOf('Risk Factors', anchor)).toBeGreaterThan(anchor);
    expect(out.indexOf('id="section-4"')).toBeGreaterThan(anchor);
  });

  it('says which sections exist when the one asked for is not found', async () => {
    const io = captureIo();
    expect(await runCli(['render', TWENTY_F, '--section', '16G'], io)).toBe(2);
    expect(io.err()).toMatch(/Section 16G of this 20-F was not found.*sections found: 1, 2, 3, 3\.A/);
  });

  it('refuses a form without sections', async () => {
    const io = captureIo();
    expect(await runCli(['render', EIGHT_K, '--section', '1A'], io)).toBe(2);
    expect(io.err()).toMatch(/not a 10-K, 10-Q, 20-F or 40-F/);
  });
});
