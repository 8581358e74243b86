import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valuesOf } from '../../test/record-values.js';
import { corpusPath, projectRoot } from '../../test/shared-files.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { ReadWriteStore } from '../store/store.js';
import { createApp } from './create-app.js';

const FILES = ['submissions/0001127602-25-001055.txt', 'submissions/0001094891-00-000193.txt', 'submissions/0001894188-23-000007.txt'];

let store: ReadWriteStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await ingestPaths(store, FILES.map(corpusPath), { workers: 0 });
  app = createApp({ store, log: (error) => expect.fail(String(error)) });
});
afterAll(async () => {
  await store.close();
});

const golden = (name: string) => {
  const raw = JSON.parse(readFileSync(join(projectRoot, 'testdata', 'golden', name), 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_')));
};

async function page(path: string): Promise<string> {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

describe('ownership and 13F records through the store, the API and the filing page', () => {
  it('the API gives the stored record, equal to the goldens read by hand', async () => {
    for (const [accession, name] of [
      ['0001127602-25-001055', 'ownership/aar-form4-2025-01.json'],
      ['0001094891-00-000193', 'ownership/productivity-form4-2000-02.json'],
      ['0001894188-23-000007', '13f/lts-one-13fhr-2023-q3.json'],
    ] as const) {
      const response = await app.request(`/api/filings/${accession}`);
      expect(response.status).toBe(200);
      const filing = (await response.json()) as { formRecord: { filingDiagnostics?: unknown } };
      const { filingDiagnostics: _ignored, ...record } = filing.formRecord;
      expect(valuesOf(record), name).toEqual(golden(name));
    }
  });

  it('the filing page shows Form 4 transactions as a table, each value linked to its place in the XML', async () => {
    const html = await page('/filings/0001127602-25-001055');
    expect(html).toContain('Table I – non-derivative securities');
    expect(html).toContain('Garascia Jessica A.');
    expect(html).toContain('Officer (Senior VP, GC, CAO &amp; Secretary)');
    const link = /<a class="field" href="([^"]+)" data-name="pricePerShare"[^>]*>66.903<\/a>/.exec(html)?.[1];
    expect(link).toBeDefined();
    expect(html).toMatch(/<sup><a href="#footnote-F1"/);
    const document = await page((link as string).replaceAll('&amp;', '&'));
    expect(document).toContain('<mark id="highlight">66.903</mark>');
  });

  it('the 2000 text Form 4 shows its derivative row, linked into the legacy text', async () => {
    const html = await page('/filings/0001094891-00-000193');
    expect(html).toContain('read from the text form of the SGML era');
    expect(html).toMatch(/data-name="securityTitle"[^>]*>Options to Purchase Common Stock<\/a>/);
    expect(html).toContain('not &quot;A&quot; or &quot;D&quot;');
  });

  it('the 13F filing page lists every holding and says the unit', async () => {
    const html = await page('/filings/0001894188-23-000007');
    expect(html).toContain('Values are in dollars');
    expect(html).toContain('Holdings (14)');
    expect(html.match(/data-name="cusip"/g)).toHaveLength(14);
    expect(html).toMatch(/data-name="marketValue"[^>]*>154,405,000<\/a>/);
  });
});
