import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { createApp } from '../src/server/create-app.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { captureIo } from './capture-io.js';
import { corpusPath, seedPath } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

/**
 * The CLI and the HTTP API check the values they are given with the same functions: whatever one refuses the
 * other refuses with the same words (the option's name aside: `--from` against `from`), and whatever one accepts
 * the other accepts.
 */
const db = join(makeTempDir('edgarkit-shells-'), 'shells.db');
let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const io = captureIo();
  const files = [seedPath(), corpusPath('fpi/0000912282-09-000008.txt'), corpusPath('fpi/0000950127-09-000020.txt')];
  expect(await runCli(['ingest', ...files, '--db', db, '--workers', '0'], io), io.err()).toBe(0);
  store = openSqliteStore(db, { readonly: true });
  app = createApp({ store, renderThreads: 0, searchCacheMs: 0 });
});
afterAll(async () => {
  await store.close();
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runCli([...args, '--db', db], io);
  return { code, out: io.out(), err: io.err() };
}

async function api(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A value each shell refuses, in the CLI's words and the API's. */
const REFUSED: readonly (readonly [string, readonly string[], string])[] = [
  ['an impossible month', ['search', 'bonds', '--from', '2009-13-01'], '/api/search?q=bonds&from=2009-13-01'],
  ['an impossible day', ['search', 'bonds', '--to', '2009-02-30'], '/api/search?q=bonds&to=2009-02-30'],
  ['a date that is not one', ['filings', '--from', 'yesterday'], '/api/companies/1453015/filings?from=yesterday'],
  [
    'a range that runs backwards',
    ['search', 'bonds', '--from', '2009-02-01', '--to', '2009-01-01'],
    '/api/search?q=bonds&from=2009-02-01&to=2009-01-01',
  ],
  ['a CIK with letters', ['search', 'bonds', '--cik', '12ab'], '/api/search?q=bonds&cik=12ab'],
  ['a form type with odd characters', ['filings', '--form', '6-K;drop'], '/api/companies/1453015/filings?form=6-K;drop'],
  ['a page longer than the cap', ['search', 'bonds', '--limit', '500'], '/api/search?q=bonds&limit=500'],
  ['an empty page', ['companies', '--limit', '0'], '/api/companies?limit=0'],
  ['an offset past the end of the bounds', ['filings', '--offset', '2000000'], '/api/companies/1453015/filings?offset=2000000'],
];

describe('the CLI and the API check values alike', () => {
  it.each(REFUSED)('both refuse %s, with the same message', async (_what, args, path) => {
    const fromCli = await cli([...args]);
    const fromApi = await api(path);
    expect(fromCli.code).toBe(2);
    expect(fromApi.status).toBe(400);
    const cliMessage = fromCli.err.replace(/^edgarkit: /, '').trim();
    // The same words; only the option's spelling differs (--from in the CLI, from in the API).
    expect(cliMessage.replaceAll('--', '')).toBe(String(fromApi.body.error));
  });

  it('both accept a real date range, a CIK without leading zeros and the longest page', async () => {
    const fromCli = await cli(['search', 'acergy', '--from', '2009-01-01', '--to', '2009-12-31', '--limit', '200', '--json']);
    const fromApi = await api('/api/search?q=acergy&from=2009-01-01&to=2009-12-31&limit=200');
    expect(fromCli.code, fromCli.err).toBe(0);
    expect(fromApi.status).toBe(200);
    const cliHits = (JSON.parse(fromCli.out) as { hits: { filingId: string }[] }).hits.map((hit) => hit.filingId);
    const apiHits = (fromApi.body.hits as { filingId: string }[]).map((hit) => hit.filingId);
    expect(cliHits).toEqual(apiHits);
    expect(cliHits).toContain('0000950127-09-000020');
    const filings = await cli(['filings', '--cik', '898685', '--json']);
    expect((JSON.parse(filings.out) as { filingId: string }[]).map((filing) => filing.filingId)).toEqual(['0000950127-09-000020']);
  });
});

describe('every query command takes --json', () => {
  it.each([
    [['search', 'bonds', '--json']],
    [['show', '0000912282-09-000008', '--json']],
    [['show', '0000912282-09-000008', '--doc', '1', '--json']],
    [['companies', '--json']],
    [['filings', '--json']],
    [['stats', '--json']],
  ])('%j prints JSON', async (args) => {
    const run = await cli([...args]);
    expect(run.code, run.err).toBe(0);
    expect(() => JSON.parse(run.out)).not.toThrow();
  });

  it('show --json is the filing, and with --doc the document model', async () => {
    const filing = JSON.parse((await cli(['show', '0000912282-09-000008', '--json'])).out) as { accessionNumber: string };
    expect(filing.accessionNumber).toBe('0000912282-09-000008');
    const model = JSON.parse((await cli(['show', '0000912282-09-000008', '--doc', '1', '--json'])).out) as { pages: unknown[] };
    expect(model.pages.length).toBeGreaterThan(0);
  });
});

describe('limits are never met silently', () => {
  it('a full page says where the next one starts; a page with room left says nothing more', async () => {
    const full = await cli(['companies', '--limit', '1']);
    expect(full.code).toBe(0);
    expect(full.out).toMatch(/\(rows 1-1; more with --offset 1\)\n$/);
    const next = await cli(['companies', '--limit', '1', '--offset', '1']);
    expect(next.out).toMatch(/\(rows 2-2; more with --offset 2\)\n$/);
    expect(next.out.split('\n')[0]).not.toBe(full.out.split('\n')[0]);
    const all = await cli(['companies', '--limit', '200']);
    expect(all.out).not.toContain('more with --offset');
    const search = await cli(['search', 'the', '--limit', '1']);
    expect(search.out).toMatch(/\(results 1-1; more with --offset 1\)\n$/);
  });
});
