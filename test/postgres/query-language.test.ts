import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/pipeline/ingest.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ReadWriteStore } from '../../src/store/store.js';
import { corpusPath, sharedRoot } from '../shared-files.js';
import { startTestCluster, type TestCluster } from './cluster.js';

/**
 * The one query language finds the same filings on SQLite (FTS5) and PostgreSQL (tsvector): the same corpus files
 * are ingested into both and every query's set of filing ids is compared (the ranking order may differ).
 *
 * Each query matches fewer passages than the first page reads (limit 200 reads 800 passages), so each page holds
 * the whole answer on both sides. Stemming: both use the original Porter stemmer (FTS5's porter tokenizer; the
 * Snowball "porter" dictionary in PostgreSQL), without stop words; Snowball English would differ on words such
 * as news, quarterly or generously. The one difference left is shown at the end.
 */
const QUERIES: readonly { readonly query: string; readonly found: 'some' | 'none' }[] = [
  { query: '"convertible bonds"', found: 'some' }, // phrase
  { query: '"report of foreign private issuer"', found: 'some' }, // phrase with short words (no stop words dropped)
  { query: '"annual general meeting"', found: 'some' },
  { query: 'kosdaq', found: 'some' }, // word
  { query: 'KOSDA*', found: 'some' }, // prefix, any case
  { query: 'redempt*', found: 'some' },
  { query: 'restat*', found: 'some' },
  { query: 'advantest semiconductor*', found: 'some' }, // implicit AND with a prefix
  { query: 'hanaro AND kosdaq', found: 'some' },
  { query: 'kosdaq NOT hanaro', found: 'none' }, // NOT removes the only passage
  { query: 'hanaro OR glenlyon', found: 'some' },
  { query: 'acquisition OR merger', found: 'some' },
  { query: 'alcon NOT novartis', found: 'some' },
  { query: 'dividend -interim', found: 'some' }, // -word
  { query: 'bonds -notes', found: 'some' },
  { query: '(bonds OR notes) kosdaq', found: 'some' }, // group
  { query: '(acergy OR aegon) "annual report"', found: 'some' },
  { query: '(dividend OR distribution) NOT interim', found: 'some' },
  { query: '"fuel cell" -(hydrogen OR methanol)', found: 'some' },
  { query: 'ballard', found: 'some' },
  // Words the Snowball English stemmer would conflate differently from Porter; the porter dictionary agrees.
  { query: 'news', found: 'some' },
  { query: 'quarterly', found: 'some' },
  { query: 'generously', found: 'some' },
  { query: 'dying', found: 'some' },
  { query: '(dividend OR distribution) NOT (interim OR quarterly)', found: 'some' },
  { query: '6-K', found: 'some' }, // `6-K` is the phrase "6 k" on both sides
  { query: '"form 6-K" hanaro', found: 'some' },
  { query: 'www.sec.gov', found: 'some' }, // a host name is three words on both sides
  { query: '3.5%', found: 'some' }, // so is a decimal
  { query: 'société', found: 'some' }, // accents
  { query: 'securities form:8-K', found: 'some' }, // field filters
  { query: 'dividend from:2009-01-01 to:2009-06-30', found: 'some' },
  { query: '"press release" form:6-K', found: 'some' },
  { query: 'company:canada', found: 'some' }, // filters only
  { query: 'cik:1453015 ballot*', found: 'none' },
  { query: 'company:ballard fuel', found: 'some' },
  { query: 'form:6-K from:2009-01-01 to:2009-01-31', found: 'some' },
];

/**
 * Where the two still differ: FTS5's porter leaves words of one or two letters unstemmed, PostgreSQL's stems them
 * too, so `us` is the stem `u` there: it finds "U.S." but not "use" (whose stem is "us" on both sides).
 */
const STEMMER_DIFFERENCES = [{ query: 'us', note: 'FTS5 keeps "us"; PostgreSQL stems it to "u"' }] as const;

let cluster: TestCluster | undefined;
let sqlite: ReadWriteStore;
let postgres: ReadWriteStore;
const inputs = ['fpi', 'submissions', 'nc', 'html', 'xml'].map((folder) => corpusPath(folder)).concat([`${sharedRoot}/seed`]);

beforeAll(async () => {
  cluster = await startTestCluster();
  sqlite = openSqliteStore(':memory:');
  postgres = await openPostgresStore(await cluster.createDatabase('query_language'));
  // Without worker threads, so both are written in the same order ("most recently stored" is the same passage).
  const [a, b] = [await ingestPaths(sqlite, inputs, { workers: 0 }), await ingestPaths(postgres, inputs, { workers: 0 })];
  expect(b.ingested).toBe(a.ingested);
  expect(a.ingested).toBeGreaterThan(90);
}, 360_000);
afterAll(async () => {
  await postgres?.close();
  await sqlite?.close();
  await cluster?.stop();
});

async function filingsFound(store: ReadWriteStore, query: string): Promise<Set<string>> {
  const page = await store.search({ text: query, limit: 200 });
  // A full page would mean the answer might go on: every query here must fit in one.
  expect(page.hits.length, `${query} fills a whole page`).toBeLessThan(200);
  return new Set(page.hits.map((hit) => hit.filingId));
}

describe('the query language on SQLite and PostgreSQL', () => {
  it(`has at least 20 queries`, () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(20);
  });

  for (const { query, found } of QUERIES) {
    it(`finds the same filings: ${query}`, async () => {
      const [onSqlite, onPostgres] = [await filingsFound(sqlite, query), await filingsFound(postgres, query)];
      expect([...onPostgres].sort()).toEqual([...onSqlite].sort());
      if (found === 'some') expect(onSqlite.size).toBeGreaterThan(0);
      else expect(onSqlite.size).toBe(0);
    });
  }

  it('highlights the same words', async () => {
    const [a, b] = [await sqlite.search({ text: '"convertible bonds"' }), await postgres.search({ text: '"convertible bonds"' })];
    const marked = (snippet: string) => [...snippet.matchAll(/\u{E000}([^\u{E001}]*)\u{E001}/gu)].map((match) => match[1]?.toLowerCase());
    expect(a.hits.length).toBe(b.hits.length);
    // Stems match: "convertible bond" is marked too.
    for (const hit of [...a.hits, ...b.hits]) {
      for (const document of hit.documents) {
        expect(marked(document.snippet).some((words) => /^convertible bonds?$/.test(words ?? ''))).toBe(true);
      }
    }
  });

  for (const { query, note } of STEMMER_DIFFERENCES) {
    it(`differs where the stemmers differ: ${query} (${note})`, async () => {
      const [onSqlite, onPostgres] = [await sqlite.search({ text: query, limit: 200 }), await postgres.search({ text: query, limit: 200 })];
      expect(onSqlite.hits.map((hit) => hit.filingId).sort()).not.toEqual(onPostgres.hits.map((hit) => hit.filingId).sort());
    });
  }
});
