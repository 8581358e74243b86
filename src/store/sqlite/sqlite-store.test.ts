import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { describeFactConformance } from '../../../test/fact-conformance.js';
import { corpusPath, seedPath } from '../../../test/shared-files.js';
import { describeStoreConformance, makeTempDir } from '../../../test/store-conformance.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { prepareFiling } from '../../pipeline/prepare-filing.js';
import { MAX_PREFIX_EXPANSION, QueryTooBroadError } from '../search.js';
import { parseSearchQuery, type QueryNode, toFts5 } from '../search-query.js';
import { type ReadWriteStore, SNIPPET_MARK } from '../store.js';
import { documentTable, shardTable } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

describeStoreConformance('SQLite file', async () => openSqliteStore(join(makeTempDir('edgarkit-sqlite-'), 'test.db')));
describeStoreConformance('SQLite in memory', async () => openSqliteStore(':memory:'), {
  openWithSearchBudget: async (ms) => openSqliteStore(':memory:', { searchBudgetMs: ms }),
});
describeStoreConformance('SQLite with small index shards', async () => openSqliteStore(':memory:', { shardPassages: 5 }));
describeFactConformance('SQLite file', async () => openSqliteStore(join(makeTempDir('edgarkit-sqlite-facts-'), 'test.db')));

const INPUTS = [
  'fpi/0000912282-09-000008.txt',
  'fpi/0000950127-09-000020.txt',
  'fpi/0001279569-09-000080.txt',
  'fpi/0001144204-10-066757.txt',
  'submissions/0001011438-98-000429.txt',
  'nc/0001193125-10-145855.nc',
].map(corpusPath);
const QUERIES = [
  'securities',
  '"foreign private issuer"',
  'redempt*',
  'hanaro OR glenlyon',
  'exchange NOT hanaro',
  'board of directors',
  'securities form:8-K',
  'exchange from:2009-01-01 to:2009-12-31',
  'company:canada',
];

async function filingsFound(store: ReadWriteStore, text: string): Promise<string[]> {
  return [...new Set((await store.search({ text, limit: 200 })).hits.map((hit) => hit.filingId))].sort();
}

describe('SQLite index shards', () => {
  let single: ReadWriteStore;
  let sharded: ReadWriteStore;
  let shardedFile: string;
  beforeAll(async () => {
    single = openSqliteStore(':memory:');
    shardedFile = join(makeTempDir('edgarkit-shards-'), 'sharded.db');
    sharded = openSqliteStore(shardedFile, { shardPassages: 8 });
    for (const store of [single, sharded]) await ingestPaths(store, [...INPUTS, seedPath()], { workers: 0 });
  }, 240_000);

  it('starts a new shard each time the newest is full, and keeps every passage once', () => {
    const shards = shardContents(shardedFile);
    expect(shards.length).toBeGreaterThan(3);
    expect(shards.reduce((sum, shard) => sum + shard.rows, 0)).toBeGreaterThan(100);
  });

  it('finds the same filings as one index', async () => {
    for (const text of QUERIES) {
      const expected = await filingsFound(single, text);
      expect(expected.length, text).toBeGreaterThan(0);
      expect(await filingsFound(sharded, text), text).toEqual(expected);
    }
  });

  it('merges each closed shard into one segment, while the newest keeps its writes apart', async () => {
    const file = join(makeTempDir('edgarkit-merge-'), 'merge.db');
    const store = openSqliteStore(file, { shardPassages: 3 });
    const template = prepareFiling(readFileSync(seedPath()), 'seed.txt');
    const writes = 15;
    try {
      // One filing per write: FTS5 adds a segment to each index per transaction.
      for (let n = 0; n < writes; n++) {
        const id = `9900000009-26-${String(n).padStart(6, '0')}`;
        await store.writeFilings([
          { ...template, id, accessionNumber: id, contentHash: `${template.contentHash}-${n}`, blobs: n === 0 ? template.blobs : [] },
        ]);
      }
      expect((await store.search({ text: 'kosdaq', limit: 50 })).total).toBe(writes);
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      const segments = (table: string) => (db.prepare(`SELECT count(DISTINCT segid) AS n FROM ${table}_idx`).get() as { n: number }).n;
      const shards = db.prepare('SELECT first_document, passages FROM passage_shards ORDER BY first_document').all() as {
        first_document: number;
        passages: number;
      }[];
      const perFiling = shards.reduce((sum, shard) => sum + shard.passages, 0) / writes;
      // Each shard took several writes, so unmerged it would hold several segments.
      expect(perFiling).toBeLessThanOrEqual(3 / 2);
      expect(shards.length).toBeGreaterThan(2);
      const newest = shards.pop() as { first_document: number };
      for (const { first_document: shard } of shards) {
        expect(segments(shardTable(shard)), `shard ${shard}`).toBe(1);
        expect(segments(documentTable(shard)), `shard ${shard}`).toBe(1);
      }
      expect(segments(shardTable(newest.first_document))).toBeGreaterThan(1);
    } finally {
      db.close();
    }
  });

  it("orders results by BM25, each document ranked with its own shard's statistics", async () => {
    for (const text of ['securities', '"foreign private issuer"', 'board of directors', 'hanaro OR glenlyon']) {
      const expected = bm25Order(shardedFile, text);
      expect(expected.length, text).toBeGreaterThan(1);
      const page = await sharded.search({ text, limit: 50 });
      expect(page.rankCapped).toBe(false);
      expect(
        page.hits.map((hit) => hit.filingId),
        text,
      ).toEqual(expected.map((filing) => filing.id));
      page.hits.forEach((hit, index) => {
        expect(hit.score, `${text}: ${hit.filingId}`).toBeCloseTo(-(expected[index]?.rank as number), 9);
      });
    }
  });

  it('starts smaller shards on a database filled with larger ones, and finds the same filings', async () => {
    const file = join(makeTempDir('edgarkit-reshard-'), 'reshard.db');
    const large = openSqliteStore(file, { shardPassages: 100_000 });
    await ingestPaths(large, INPUTS.slice(0, 3), { workers: 0 });
    await large.close();
    const [first] = shardContents(file);
    expect(shardContents(file)).toHaveLength(1);
    const small = openSqliteStore(file, { shardPassages: 8 });
    try {
      await ingestPaths(small, [...INPUTS.slice(3), seedPath()], { workers: 0 });
      const shards = shardContents(file);
      // The large shard is closed as it was (it holds more than 8 passages) and the new documents go to new shards.
      expect(shards[0]).toEqual(first);
      expect(shards.length).toBeGreaterThan(3);
      for (const text of QUERIES) expect(await filingsFound(small, text), text).toEqual(await filingsFound(single, text));
      expect(await small.checkIntegrity()).toEqual([]);
    } finally {
      await small.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      // Closed by the first write with the smaller size, so merged into one segment like any closed shard.
      expect((db.prepare(`SELECT count(DISTINCT segid) AS n FROM ${documentTable(0)}_idx`).get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('quotes a snippet from the shard that holds the passage', async () => {
    const page = await sharded.search({ text: '"convertible bonds"' });
    expect(page.hits.length).toBeGreaterThan(0);
    for (const hit of page.hits) {
      for (const document of hit.documents) expect(document.snippet.toLowerCase()).toContain('convertible');
    }
  });

  it('removes a replaced filing from its shard', async () => {
    const changed = join(makeTempDir('edgarkit-shards-'), 'changed.txt');
    writeFileSync(changed, readFileSync(INPUTS[0] as string, 'latin1').replace('UNITED STATES', 'XYZZYPLUGH STATES'), 'latin1');
    const before = shardContents(shardedFile).reduce((sum, shard) => sum + shard.rows, 0);
    expect((await ingestPaths(sharded, [changed], { workers: 0 })).replaced).toBe(1);
    expect(await filingsFound(sharded, 'xyzzyplugh')).toEqual(['0000912282-09-000008']);
    // The old passages are gone from their shard and the new ones counted in the newest: the totals still agree.
    expect(shardContents(shardedFile).reduce((sum, shard) => sum + shard.rows, 0)).toBe(before);
    expect(await sharded.checkIntegrity()).toEqual([]);
  });
});

/**
 * The filings matching `text`, best first, computed here from FTS5's bm25() of each shard's document table (lower is
 * better; a filing by its best document, ties newest first): the order a search by relevance gives when fewer than
 * RANK_CAP documents match.
 */
function bm25Order(file: string, text: string): { id: string; rank: number }[] {
  const match = toFts5(parseSearchQuery(text).match as QueryNode);
  const db = new Database(file, { readonly: true });
  try {
    const best = new Map<string, { id: string; rank: number; filedAt: string; rowid: number }>();
    for (const { first_document: shard } of db.prepare('SELECT first_document FROM passage_shards').all() as { first_document: number }[]) {
      const table = documentTable(shard);
      const rows = db
        .prepare(
          `SELECT f.id, f.filed_at AS filedAt, f.rowid, bm25(${table}) AS rank FROM ${table}
           JOIN documents d ON d.id = ${table}.rowid JOIN filings f ON f.rowid = d.filing_rowid WHERE ${table} MATCH ?`,
        )
        .all(match) as { id: string; filedAt: string; rowid: number; rank: number }[];
      for (const row of rows) {
        const known = best.get(row.id);
        if (!known || row.rank < known.rank) best.set(row.id, row);
      }
    }
    return [...best.values()]
      .sort((a, b) => a.rank - b.rank || (a.filedAt < b.filedAt ? 1 : a.filedAt > b.filedAt ? -1 : b.rowid - a.rowid))
      .map(({ id, rank }) => ({ id, rank }));
  } finally {
    db.close();
  }
}

/** Each shard's rows, checked against its count in passage_shards and against its document range. */
function shardContents(file: string): { firstDocument: number; rows: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    const shards = db.prepare('SELECT first_document, passages FROM passage_shards ORDER BY first_document').all() as {
      first_document: number;
      passages: number;
    }[];
    return shards.map((shard, index) => {
      const table = shardTable(shard.first_document);
      const rows = db.prepare(`SELECT rowid FROM ${table}`).pluck().all() as number[];
      expect(rows.length).toBe(shard.passages);
      const next = shards[index + 1]?.first_document ?? Number.POSITIVE_INFINITY;
      for (const rowid of rows) {
        const documentId = Math.floor(rowid / 1_000_000);
        expect(documentId >= shard.first_document && documentId < next).toBe(true);
      }
      return { firstDocument: shard.first_document, rows: rows.length };
    });
  } finally {
    db.close();
  }
}

describe('SQLite schema versions 1 and 2 (no document index)', () => {
  it('a read-only reader is told to migrate; the migration builds shards and the document index in place', async () => {
    const file = join(makeTempDir('edgarkit-v1-'), 'v1.db');
    const store = openSqliteStore(file);
    await ingestPaths(store, [INPUTS[0] as string, seedPath()], { workers: 0 });
    const expected = await filingsFound(store, 'hanaro OR securities');
    const farApart = await filingsFound(store, 'kosdaq cheil');
    expect(farApart.length).toBe(1);
    await store.close();
    // Back to version 1: every passage is in documents_fts (one shard), so dropping the registry and the
    // document index is exactly v1.
    const db = new Database(file);
    db.exec(
      'DROP TABLE xbrl_facts; DROP TABLE tickers; DROP TABLE passage_shards; DROP TABLE document_match_fts; DROP TABLE filing_copies; DROP TABLE filing_hits; ALTER TABLE filings DROP COLUMN documents_digest; DELETE FROM schema_migrations WHERE version >= 2',
    );
    db.close();
    const readonlyStore = openSqliteStore(file, { readonly: true });
    await expect(readonlyStore.search({ text: 'hanaro' })).rejects.toThrow(/edgarkit migrate/);
    const migrated = openSqliteStore(file, { shardPassages: 5 });
    expect(await filingsFound(migrated, 'hanaro OR securities')).toEqual(expected);
    expect(await filingsFound(migrated, 'kosdaq cheil')).toEqual(farApart);
    await ingestPaths(migrated, [INPUTS[1] as string], { workers: 0 });
    expect((await filingsFound(migrated, 'hanaro OR securities')).length).toBe(expected.length + 1);
    // A reader opened before the migration finds the new index and shard too.
    expect(await filingsFound(readonlyStore, 'hanaro OR securities')).toEqual(await filingsFound(migrated, 'hanaro OR securities'));
    await readonlyStore.close();
    expect(await migrated.checkIntegrity()).toEqual([]);
    await migrated.close();
    const check = new Database(file, { readonly: true });
    const shards = check.prepare('SELECT first_document, passages FROM passage_shards ORDER BY first_document').all() as {
      first_document: number;
      passages: number;
    }[];
    check.close();
    expect(shards[0]?.first_document).toBe(0);
    expect(shards[0]?.passages).toBeGreaterThan(0);
    expect(shards.length).toBeGreaterThan(1);
  });
});

describe('SQLite prefix expansion', () => {
  it('refuses a prefix that stands for more than MAX_PREFIX_EXPANSION words of the index, naming it', async () => {
    const store = openSqliteStore(':memory:', { shardPassages: 2_000 });
    try {
      // The seed with 2,001 made-up words (digits after the letters: nothing for the stemmer to take off) that share the prefix "zqx" (and one "zqy" word).
      const words = Array.from({ length: MAX_PREFIX_EXPANSION + 1 }, (_, index) => `zqx${String(index).padStart(5, '0')}`);
      const seed = readFileSync(seedPath(), 'latin1');
      const file = join(makeTempDir('edgarkit-prefix-'), 'words.txt');
      writeFileSync(file, seed.replace('\n', `\n${words.join(' ')} zqyonly\n`), 'latin1');
      expect((await ingestPaths(store, [file], { workers: 0 })).ingested).toBe(1);
      const refused = store.search({ text: 'hanaro zqx*' });
      await expect(refused).rejects.toBeInstanceOf(QueryTooBroadError);
      await expect(refused).rejects.toMatchObject({ term: 'zqx*', message: expect.stringContaining('"zqx*" stands for more than 2,000') });
      // A longer prefix of the same words stands for fewer and is answered, quoted from the document.
      const narrower = await store.search({ text: 'zqx001*' });
      expect(narrower.total).toBe(1);
      expect(narrower.hits[0]?.documents[0]?.snippet).toContain(`${SNIPPET_MARK.open}zqx001`);
      expect((await store.search({ text: 'zqy*' })).total).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite schema version 4 (no ticker list)', () => {
  it('a read-only reader still lists and filters companies; a writer adds the list, which the reader then sees', async () => {
    const file = join(makeTempDir('edgarkit-v4-'), 'v4.db');
    const store = openSqliteStore(file);
    await ingestPaths(store, [INPUTS[1] as string], { workers: 0 });
    await store.close();
    const db = new Database(file);
    db.exec('DROP TABLE xbrl_facts; DROP TABLE tickers; DELETE FROM schema_migrations WHERE version >= 5');
    db.close();
    const reader = openSqliteStore(file, { readonly: true });
    expect((await reader.listCompanies({ name: 'stolt' })).map((company) => company.tickers)).toEqual([[]]);
    expect((await reader.search({ text: 'company:acergy' })).hits.map((hit) => hit.filingId)).toEqual(['0000950127-09-000020']);
    expect(await reader.findTicker('ACGY')).toBeNull();
    const writer = openSqliteStore(file);
    expect(await writer.replaceTickers([{ ticker: 'ACGY', cik: '898685', title: 'Acergy S.A.' }])).toBe(1);
    await writer.close();
    expect((await reader.search({ text: 'company:acgy' })).hits.map((hit) => hit.filingId)).toEqual(['0000950127-09-000020']);
    expect((await reader.getCompany('898685'))?.tickers).toEqual(['ACGY']);
    await reader.close();
  });
});

describe('SQLite schema version 6 (no fact table)', () => {
  it('a read-only reader counts no facts and is told to migrate for a series; migrating adds the table and ingest fills it', async () => {
    const file = join(makeTempDir('edgarkit-v6-'), 'v6.db');
    const tesla = corpusPath('submissions/0001564590-20-004475-minimal.txt');
    const store = openSqliteStore(file);
    await ingestPaths(store, [INPUTS[1] as string], { workers: 0 });
    await store.close();
    const db = new Database(file);
    db.exec('DROP TABLE xbrl_facts; DELETE FROM schema_migrations WHERE version >= 7');
    db.close();
    const reader = openSqliteStore(file, { readonly: true });
    expect((await reader.stats()).facts).toBe(0);
    expect((await reader.getFiling('0000950127-09-000020'))?.factCount).toBe(0);
    expect(await reader.listFilingFacts('0000950127-09-000020')).toEqual([]);
    await expect(reader.queryFacts({ concept: 'us-gaap:Revenues' })).rejects.toThrow(/no XBRL fact table: run `edgarkit migrate`/);
    const writer = openSqliteStore(file);
    await ingestPaths(writer, [tesla], { workers: 0 });
    await writer.close();
    expect((await reader.queryFacts({ concept: 'us-gaap:Revenues' })).map((fact) => fact.value)).toEqual(['24578000000']);
    await reader.close();
  });
});

describe('SQLite search while another connection replaces a filing', () => {
  /**
   * 30 copies of the seed (all match `kosdaq`, rank alike, so the newest come first), searched by one connection
   * while another replaces copy `replaced` with a filing that does not match, exactly between the search's two
   * reads: the window of matching documents, and the detail read of the documents the page shows. The detail
   * statement is caught as the reader's connection prepares it, and runs the replacement before it reads.
   */
  async function searchDuringReplacement(replaced: number) {
    const file = join(makeTempDir('edgarkit-race-'), 'race.db');
    const template = prepareFiling(readFileSync(seedPath()), 'seed.txt');
    const other = prepareFiling(readFileSync(INPUTS[4] as string), 'other.txt');
    const id = (n: number) => `9900000009-26-${String(n).padStart(6, '0')}`;
    let armed = false;
    let replacement: Promise<unknown> | undefined;
    let writer: ReadWriteStore | undefined;
    const prepare = Database.prototype.prepare;
    const spy = vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Database.Database, sql: string) {
      const statement = prepare.call(this, sql);
      if (/FROM documents d JOIN filing_hits f .* json_each/s.test(sql)) {
        const all = statement.all as (this: Database.Statement, ...params: unknown[]) => unknown[];
        statement.all = function (this: Database.Statement, ...params: unknown[]) {
          if (armed && writer) {
            armed = false;
            // Synchronous in SQLite: done when writeFilings returns.
            replacement = writer.writeFilings([{ ...other, id: id(replaced), accessionNumber: id(replaced), blobs: other.blobs }]);
          }
          return all.apply(this, params);
        } as typeof statement.all;
      }
      return statement;
    });
    const reader = openSqliteStore(file);
    try {
      await reader.writeFilings(
        Array.from({ length: 30 }, (_, n) => ({
          ...template,
          id: id(n),
          accessionNumber: id(n),
          contentHash: `${template.contentHash}-${n}`,
          blobs: n === 0 ? template.blobs : [],
        })),
      );
      writer = openSqliteStore(file);
      const before = await reader.search({ text: 'kosdaq', limit: 11 });
      armed = true;
      const during = await reader.search({ text: 'kosdaq', limit: 10 });
      expect(armed).toBe(false);
      expect(await replacement).toEqual({ inserted: 0, replaced: 1, unchanged: 0 });
      const after = await reader.search({ text: 'kosdaq', limit: 50 });
      return { before, during, after, id };
    } finally {
      spy.mockRestore();
      await writer?.close();
      await reader.close();
    }
  }

  for (const [where, replaced] of [
    ['the newest filing (whose row ids SQLite would give again)', 29],
    ['a filing in the middle of the page', 25],
  ] as const) {
    it(`drops the hit of ${where} and fills the page from the next filing`, async () => {
      const { before, during, after, id } = await searchDuringReplacement(replaced);
      expect(before.total).toBe(30);
      expect(before.hits.map((hit) => hit.filingId)).toContain(id(replaced));
      const expected = before.hits.map((hit) => hit.filingId).filter((filingId) => filingId !== id(replaced));
      expect(during.hits.map((hit) => hit.filingId)).toEqual(expected);
      expect(during.total).toBe(29);
      expect(during.facets.forms.reduce((sum, facet) => sum + facet.count, 0)).toBe(29);
      for (const hit of during.hits) {
        expect(hit.filingId).not.toBe('');
        expect(hit.accessionNumber).toBe(hit.filingId);
        for (const document of hit.documents) expect(document.snippet.toLowerCase()).toContain('kosdaq');
      }
      // The replacement does not match: a search after it finds the 29 copies left.
      expect(after.total).toBe(29);
      expect(after.hits.map((hit) => hit.filingId)).not.toContain(id(replaced));
    });
  }
});
