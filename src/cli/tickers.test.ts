import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { TEST_USER_AGENT } from '../../test/fake-edgar/test-client.js';
import { corpusPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { runCli } from './main.js';

let server: FakeEdgar;
let home: string;
let db: string;
beforeAll(async () => {
  server = await startFakeEdgar();
  home = makeTempDir('edgarkit-tickers-');
  db = join(home, 'corpus.db');
  const io = captureIo({ env: { HOME: home } });
  // Two Acergy 6-Ks and a Ballard one: Acergy was STOLT OFFSHORE S A until 2000.
  const files = ['fpi/0000950127-09-000020.txt', 'fpi/0000950127-10-000236.txt', 'fpi/0000912282-09-000008.txt'].map(corpusPath);
  expect(await runCli(['ingest', ...files, '--db', db, '--workers', '0'], io), io.err()).toBe(0);
}, 240_000);
afterAll(async () => {
  await server.close();
});

const connection = () => ['--base-url', server.url, '--data-url', server.url];

describe('tickers and former names in the CLI', () => {
  it('a former name finds its company before any ticker list is stored', async () => {
    const io = captureIo({ env: { HOME: home } });
    expect(await runCli(['companies', 'stolt', '--db', db], io)).toBe(0);
    expect(io.out()).toBe(
      '0000898685  ACERGY S.A.  2 filings  SIC 1389 OIL & GAS FIELD SERVICES, NEC  incorporated in N4 (Luxembourg)  (formerly STOLT OFFSHORE S A; STOLT COMEX SEAWAY S A)\n',
    );
    const none = captureIo({ env: { HOME: home } });
    expect(await runCli(['companies', 'ACGY', '--db', db], none)).toBe(0);
    expect(none.out()).toBe('No companies.\n');
  });

  it('fetch tickers stores the list; companies and company: filters then find by ticker', async () => {
    server.resetRequests();
    const io = captureIo({ env: { HOME: home, EDGARKIT_USER_AGENT: TEST_USER_AGENT } });
    expect(await runCli(['fetch', 'tickers', '--db', db, ...connection()], io), io.err()).toBe(0);
    const listed = Object.keys(server.tickers).length;
    expect(io.out()).toBe(`${listed} tickers stored\n`);
    expect(server.requests.map((request) => request.path)).toEqual(['/files/company_tickers.json']);

    const byTicker = captureIo({ env: { HOME: home } });
    expect(await runCli(['companies', 'acgy', '--db', db], byTicker)).toBe(0);
    expect(byTicker.out()).toBe(
      '0000898685  ACERGY S.A.  [ACGY, ACGYF]  2 filings  SIC 1389 OIL & GAS FIELD SERVICES, NEC  incorporated in N4 (Luxembourg)  (formerly STOLT OFFSHORE S A; STOLT COMEX SEAWAY S A)\n',
    );
    const json = captureIo({ env: { HOME: home } });
    expect(await runCli(['companies', 'BLDP', '--db', db, '--json'], json)).toBe(0);
    expect((JSON.parse(json.out()) as { cik: string; tickers: string[] }[]).map(({ cik, tickers }) => ({ cik, tickers }))).toEqual([
      { cik: '0001453015', tickers: ['BLDP'] },
    ]);

    const search = captureIo({ env: { HOME: home } });
    expect(await runCli(['search', 'company:ACGY', '--db', db, '--json'], search)).toBe(0);
    const hits = (JSON.parse(search.out()) as { hits: { filingId: string }[] }).hits.map((hit) => hit.filingId).sort();
    expect(hits).toEqual(['0000950127-09-000020', '0000950127-10-000236']);
    const option = captureIo({ env: { HOME: home } });
    expect(await runCli(['search', 'ballard', '--company', 'bldp', '--db', db, '--json'], option)).toBe(0);
    expect((JSON.parse(option.out()) as { hits: { filingId: string }[] }).hits.map((hit) => hit.filingId)).toEqual([
      '0000912282-09-000008',
    ]);
  });

  it('fetch tickers needs a User-Agent and sends nothing without one', async () => {
    server.resetRequests();
    const io = captureIo({ env: { HOME: home } });
    expect(await runCli(['fetch', 'tickers', '--db', db, ...connection()], io)).toBe(2);
    expect(io.err()).toContain('No User-Agent was given');
    expect(server.requests).toEqual([]);
  });
});
