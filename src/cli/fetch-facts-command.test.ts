import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { TEST_USER_AGENT } from '../../test/fake-edgar/test-client.js';
import { useTestCluster } from '../../test/postgres/use-test-cluster.js';
import { corpusPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { openStore } from '../store/open-store.js';
import { runCli } from './main.js';

let server: FakeEdgar;
beforeAll(async () => {
  server = await startFakeEdgar();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

const cluster = useTestCluster();
const TESLA_10K = corpusPath('submissions/0001564590-20-004475-minimal.txt');

async function edgarkit(args: readonly string[], options: { userAgent?: boolean } = {}) {
  const home = makeTempDir('edgarkit-fetch-facts-home-');
  const io = captureIo({ env: { HOME: home, ...(options.userAgent === false ? {} : { EDGARKIT_USER_AGENT: TEST_USER_AGENT }) } });
  const connection = args[0] === 'fetch' ? ['--base-url', server.url, '--data-url', server.url] : [];
  const code = await runCli([...args, ...connection], io);
  return { code, out: io.out(), err: io.err() };
}

async function series(db: string, concept: string, cik?: string) {
  const store = await openStore(db, { readonly: true });
  try {
    return await store.queryFacts({ concept, ...(cik ? { cik } : {}) });
  } finally {
    await store.close();
  }
}

const backends = [
  { name: 'SQLite', database: async () => join(makeTempDir('edgarkit-fetch-facts-'), 'facts.db') },
  { name: 'PostgreSQL', database: () => cluster().createDatabase('fetch_facts') },
] as const;

describe.each(backends)('edgarkit fetch facts into $name', ({ database }) => {
  it("stores a company's facts by ticker, and a second run writes nothing new", async () => {
    const db = await database();
    const first = await edgarkit(['fetch', 'facts', '--ticker', 'TSLA', '--db', db]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe(`11 facts written, 0 unchanged in ${db}\n`);
    expect(first.err).toMatch(
      /^companyfacts of Tesla, Inc\. \(CIK 0001318605\): 11 facts read from http:\/\/127\.0\.0\.1:\d+\/api\/xbrl\/companyfacts\/CIK0001318605\.json\n {2}2 requests/,
    );
    expect(server.requests.map((request) => [request.path, request.userAgent])).toEqual([
      ['/files/company_tickers.json', TEST_USER_AGENT],
      ['/api/xbrl/companyfacts/CIK0001318605.json', TEST_USER_AGENT],
    ]);

    const second = await edgarkit(['fetch', 'facts', '--cik', '1318605', '--db', db]);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toBe(`0 facts written, 11 unchanged in ${db}\n`);

    const revenues = await series(db, 'us-gaap:Revenues', '1318605');
    expect(revenues.map((fact) => [fact.periodEnd, fact.accession, fact.value, fact.source])).toEqual([
      ['2017-12-31', '0001564590-19-003165', '11759000000', 'companyfacts'],
      ['2017-12-31', '0001564590-20-004475', '11759000000', 'companyfacts'],
      ['2018-12-31', '0001564590-19-003165', '21461000000', 'companyfacts'],
      ['2018-12-31', '0001564590-20-004475', '21461000000', 'companyfacts'],
      ['2019-12-31', '0001564590-20-004475', '24578000000', 'companyfacts'],
    ]);
  });

  it("de-duplicates the API's fact and the ingested filing's own: the filing's is kept", async () => {
    const db = await database();
    const ingested = await edgarkit(['ingest', TESLA_10K, '--db', db]);
    expect(ingested.code, ingested.err).toBe(0);
    const concept = await edgarkit(['fetch', 'facts', '--cik', '1318605', '--concept', 'us-gaap:Revenues', '--db', db]);
    expect(concept.code, concept.err).toBe(0);
    expect(concept.out).toBe(`5 facts written, 0 unchanged in ${db}\n`);
    expect(server.requests.map((request) => request.path)).toEqual(['/api/xbrl/companyconcept/CIK0001318605/us-gaap/Revenues.json']);
    // The same facts again through companyfacts: stored beside them, still one per period and accession.
    expect((await edgarkit(['fetch', 'facts', '--cik', '1318605', '--db', db])).code).toBe(0);

    // One fact per period and accession whichever API gave it (the store ranks them), the filing's own where it has one.
    const revenues = await series(db, 'us-gaap:Revenues', '1318605');
    const from = (source: string) => (source === 'inline' ? 'filing' : 'API');
    expect(revenues.map((fact) => [fact.periodEnd, fact.accession, from(fact.source)])).toEqual([
      ['2017-12-31', '0001564590-19-003165', 'API'],
      ['2017-12-31', '0001564590-20-004475', 'API'],
      ['2018-12-31', '0001564590-19-003165', 'API'],
      ['2018-12-31', '0001564590-20-004475', 'API'],
      ['2019-12-31', '0001564590-20-004475', 'filing'],
    ]);
    const fy2019 = revenues.at(-1);
    expect(fy2019).toMatchObject({ value: '24578000000', unit: 'iso4217:USD', decimals: '-6', form: '10-K', filed: '2020-02-13' });
  });

  it('stores a frame: one fact of each company, and a ratio unit given with its slash', async () => {
    const db = await database();
    const frame = await edgarkit(['fetch', 'facts', '--frame', 'us-gaap:AccountsPayableCurrent/USD/CY2019Q1I', '--db', db]);
    expect(frame.code, frame.err).toBe(0);
    expect(frame.out).toBe(`3 facts written, 0 unchanged in ${db}\n`);
    expect(frame.err).toMatch(/^frames of frame us-gaap:AccountsPayableCurrent CY2019Q1I: 3 facts read from /);
    const payables = await series(db, 'us-gaap:AccountsPayableCurrent');
    expect(payables.map((fact) => [fact.cik, fact.periodEnd, fact.value, fact.frame])).toEqual([
      ['0000001750', '2019-02-28', '218600000', 'CY2019Q1I'],
      ['0000320193', '2019-03-30', '30443000000', 'CY2019Q1I'],
      ['0000066740', '2019-03-31', '2265000000', 'CY2019Q1I'],
    ]);

    const eps = await edgarkit(['fetch', 'facts', '--frame', 'us-gaap:EarningsPerShareBasic/USD/shares/CY2019', '--db', db]);
    expect(eps.code, eps.err).toBe(0);
    expect(server.requests.at(-1)?.path).toBe('/api/xbrl/frames/us-gaap/EarningsPerShareBasic/USD-per-shares/CY2019.json');
    expect((await series(db, 'us-gaap:EarningsPerShareBasic')).map((fact) => [fact.cik, fact.unit, fact.value])).toEqual([
      ['0000066740', 'USD/shares', '7.92'],
      ['0001318605', 'USD/shares', '-4.92'],
    ]);
  });
});

describe('edgarkit fetch facts: refusals', () => {
  it('refuses to run without a User-Agent, sending nothing', async () => {
    const db = join(makeTempDir('edgarkit-fetch-facts-'), 'x.db');
    const result = await edgarkit(['fetch', 'facts', '--cik', '1318605', '--db', db], { userAgent: false });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^edgarkit: No User-Agent was given\. SEC EDGAR's fair-access policy asks/);
    expect(server.requests).toHaveLength(0);
  });

  it('says a company has no XBRL data (404), exit 1, no stack trace', async () => {
    const db = join(makeTempDir('edgarkit-fetch-facts-'), 'x.db');
    const result = await edgarkit(['fetch', 'facts', '--cik', '898685', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `edgarkit: No XBRL data for CIK 0000898685 on EDGAR: it has filed no financial statements in XBRL (404 Not Found at ${server.url}/api/xbrl/companyfacts/CIK0000898685.json)\n`,
    );
  });

  it('refuses wrong options with what to give, before any request', async () => {
    const db = join(makeTempDir('edgarkit-fetch-facts-'), 'x.db');
    const cases: [string[], string][] = [
      [
        ['--frame', 'us-gaap:Revenues/USD/CY2019', '--cik', '1'],
        '--frame takes every company at once: give it without --cik, --ticker or --concept',
      ],
      [[], 'Give exactly one of --cik and --ticker (a company), or --frame (one period of every company)'],
      [['--cik', '1', '--ticker', 'TSLA'], 'Give exactly one of --cik and --ticker'],
      [['--cik', '12ab'], '--cik must be up to 10 digits, found "12ab"'],
      [['--cik', '1', '--concept', 'Revenues'], '--concept: Expected a concept as taxonomy:tag, like us-gaap:Revenues, found "Revenues"'],
      [['--frame', 'us-gaap:Revenues/CY2019'], '--frame: expected concept/unit/period, like us-gaap:Revenues/USD/CY2019'],
      [['--frame', 'us-gaap:Revenues/USD/2019'], '--frame: Expected a calendar period like CY2019 (a year)'],
    ];
    for (const [args, message] of cases) {
      const result = await edgarkit(['fetch', 'facts', ...args, '--db', db]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err).toContain(message);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('reports a malformed document by its URL, line and JSON path, exit 1, and stores nothing', async () => {
    const db = join(makeTempDir('edgarkit-fetch-facts-'), 'x.db');
    const path = '/api/xbrl/frames/us-gaap/Revenues/USD/CY2020.json';
    const body = '{"taxonomy":"us-gaap","tag":"Revenues","ccp":"CY2020","uom":"USD","data":[{"accn":"x"}]}';
    server.serve(path, body);
    const result = await edgarkit(['fetch', 'facts', '--frame', 'us-gaap:Revenues/USD/CY2020', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `${server.url}${path}:1:${body.indexOf('{"accn"') + 1}: not a frames document: $.data[0].accn: expected an accession number like 0001564590-20-004475, found "x" (and 3 more problems)\n`,
    );
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await series(db, 'us-gaap:Revenues')).toEqual([]);
  });

  it('explains itself in --help', async () => {
    const result = await edgarkit(['fetch', 'facts', '--help']);
    expect(result.code).toBe(0);
    for (const text of [
      '--ticker <ticker>',
      '--concept <taxonomy:tag>',
      '--frame <concept/unit/period>',
      'CY2019Q1I (an instant)',
      '0 facts written',
    ])
      expect(result.out).toContain(text);
  });
});
