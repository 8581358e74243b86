import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeEdgar, startFakeEdgar } from '../../test/fake-edgar/fake-edgar.js';
import { TEST_USER_AGENT, testClient } from '../../test/fake-edgar/test-client.js';
import { corpusPath } from '../../test/shared-files.js';
import { makeTempDir } from '../../test/store-conformance.js';
import { storeXbrlApiFacts } from '../pipeline/fetch-xbrl-api-facts.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createEdgar, type Edgar, type EdgarOptions } from './create-edgar.js';
import { EdgarError } from './edgar-error.js';

let server: FakeEdgar;
let db: string;

beforeAll(async () => {
  server = await startFakeEdgar();
  // Tesla's 10-K (inline XBRL) and 3M's 8-K (no financial facts), then the APIs' facts of both companies.
  db = join(makeTempDir('edgarkit-company-facts-'), 'facts.db');
  const store = openSqliteStore(db);
  await ingestPaths(
    store,
    [corpusPath('submissions/0001564590-20-004475-minimal.txt'), corpusPath('submissions/0000066740-24-000023.txt')],
    { workers: 0 },
  );
  const client = testClient(server);
  await storeXbrlApiFacts(client, store, { kind: 'companyconcept', cik: '66740', concept: 'us-gaap:Revenues' });
  await storeXbrlApiFacts(client, store, { kind: 'companyfacts', cik: '1318605' });
  client.close();
  await store.close();
  const edgar = createEdgar({ ...online(), db });
  await edgar.fetchTickers();
  await edgar.close();
}, 240_000);
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.resetRequests();
});

function online(): EdgarOptions {
  return { userAgent: TEST_USER_AGENT, archivesBaseUrl: server.url, dataBaseUrl: server.url, retryBaseDelayMs: 10, retryMaxDelayMs: 100 };
}

async function both<T>(work: (edgar: Edgar) => Promise<T>): Promise<{ online: T; offline: T }> {
  const fromEdgar = createEdgar(online());
  const fromDatabase = createEdgar({ db });
  try {
    return { online: await work(fromEdgar), offline: await work(fromDatabase) };
  } finally {
    await fromEdgar.close();
    await fromDatabase.close();
  }
}

describe('company.facts(concept)', () => {
  it('online reads companyconcept through the polite client, and gives what the database gives offline', async () => {
    const { online: fromEdgar, offline } = await both(async (edgar) => (await edgar.company('MMM')).facts('us-gaap:Revenues'));
    expect(server.requests.map((request) => request.path)).toContain('/api/xbrl/companyconcept/CIK0000066740/us-gaap/Revenues.json');
    expect(server.requests.every((request) => request.userAgent === TEST_USER_AGENT)).toBe(true);
    expect(
      fromEdgar.map((fact) => [fact.periodStart, fact.periodEnd, fact.value, fact.number, fact.unit, fact.accession, fact.frame]),
    ).toEqual([
      ['2019-01-01', '2019-12-31', '32136000000', 32136000000, 'USD', '0000066740-20-000011', 'CY2019'],
      ['2022-01-01', '2022-12-31', '34229000000', 34229000000, 'USD', '0000066740-24-000016', 'CY2022'],
      ['2023-01-01', '2023-12-31', '32681000000', 32681000000, 'USD', '0000066740-24-000016', 'CY2023'],
    ]);
    expect(offline).toEqual(fromEdgar);
  });

  it("offline prefers the ingested filing's own fact; online gives EDGAR's, the same value", async () => {
    const { online: fromEdgar, offline } = await both(async (edgar) => (await edgar.company('1318605')).facts('us-gaap:Revenues'));
    expect(fromEdgar.map((fact) => fact.source)).toEqual(Array(5).fill('companyconcept'));
    expect(offline.map((fact) => fact.source)).toEqual(['companyfacts', 'companyfacts', 'companyfacts', 'companyfacts', 'inline']);
    const key = (fact: (typeof offline)[number]) => [fact.periodStart, fact.periodEnd, fact.accession, fact.value];
    expect(offline.map(key)).toEqual(fromEdgar.map(key));
    expect(offline.at(-1)).toMatchObject({ unit: 'iso4217:USD', decimals: '-6', value: '24578000000' });
  });

  it('filters by period and unit the same way online and offline', async () => {
    const { online: fromEdgar, offline } = await both(async (edgar) => {
      const tesla = await edgar.company('TSLA');
      return {
        window: await tesla.facts('us-gaap:Revenues', { from: '2018-06-30', to: '2018-12-31', unit: 'USD' }),
        otherUnit: await tesla.facts('us-gaap:Revenues', { unit: 'EUR' }),
        unknown: await tesla.facts('us-gaap:NoSuchConcept'),
      };
    });
    expect(fromEdgar.window.map((fact) => [fact.periodEnd, fact.accession])).toEqual([
      ['2018-12-31', '0001564590-19-003165'],
      ['2018-12-31', '0001564590-20-004475'],
    ]);
    expect(offline.window.map((fact) => [fact.periodEnd, fact.accession])).toEqual(
      fromEdgar.window.map((fact) => [fact.periodEnd, fact.accession]),
    );
    expect([fromEdgar.otherUnit, offline.otherUnit, fromEdgar.unknown, offline.unknown]).toEqual([[], [], [], []]);
  });

  it('refuses a malformed concept or date on both paths, before any request for the facts', async () => {
    for (const edgar of [createEdgar(online()), createEdgar({ db })]) {
      try {
        const tesla = await edgar.company('1318605');
        server.resetRequests();
        const refusal = await tesla.facts('Revenues').catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(EdgarError);
        expect((refusal as EdgarError).code).toBe('edgar/bad-request');
        expect((refusal as Error).message).toContain('us-gaap:Revenues');
        await expect(tesla.facts('us-gaap:Revenues', { from: '2019-13-01' })).rejects.toThrow(/company\.facts\(\): from/);
        expect(server.requests).toEqual([]);
      } finally {
        await edgar.close();
      }
    }
  });
});
