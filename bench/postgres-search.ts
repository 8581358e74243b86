/**
 * Search latency on PostgreSQL and SQLite over the same large filing set, side by side.
 *
 * Loading hundreds of thousands of filings through the parser would take hours on a small machine, so the set is
 * made the way test/filing-set.ts makes it (every corpus submission repeated under new accession numbers) but
 * prepared once per corpus file: each copy is the prepared filing with a new id, accession and content hash,
 * written with each adapter's own writeFilings (passage split, full-text index, parties, companies — everything
 * but the parse). Copies share the original bytes (content-addressed blobs are written once).
 *
 * Run: npx tsx bench/postgres-search.ts [sizes=25000,100000] [rounds=5]
 * Loads up to each size in turn and measures there: p50/p95 over the queries below (each run `rounds` times
 * after one warm-up round), per query too, on both databases.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractRecordsForStore } from '../src/store/extract-records.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { prepareFiling } from '../src/store/prepare-filing.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { PreparedFiling, Store } from '../src/store/store.js';
import { accessionedCorpus, syntheticAccession } from '../test/filing-set.js';
import { queryOnce, startTestCluster } from '../test/postgres/cluster.js';

const sizes = (process.argv[2] ?? '25000,100000').split(',').map(Number);
const rounds = Number(process.argv[3] ?? 5);
const root = '/tmp/edgarkit-bench-pg-search';
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

const QUERIES = [
  'convertible bonds',
  '"report of foreign private issuer"',
  'kosdaq',
  'press release',
  'annual general meeting',
  'redempt*',
  'dividend NOT interim',
  'fuel cell',
  'acquisition OR merger',
  '"financial statements"',
  'board of directors',
  'net income',
  'proxy',
  'bezeq',
  'glenlyon',
  'securities exchange act',
  'form:6-K quarter',
  'revenue growth',
  '"forward-looking statements"',
  'hanaro OR acergy OR alcon',
  'dividend from:2009-01-01 to:2009-03-31',
  'company:ballard fuel',
];

const corpus = accessionedCorpus();
const templates: PreparedFiling[] = corpus.map((file) => prepareFiling(file.bytes, file.name, extractRecordsForStore));
console.log(`${templates.length} corpus submissions prepared as templates`);

/** Copy `index` of the set: template `index % n` under accession syntheticAccession(⌊index / n⌋, index % n). */
function copyOf(index: number): PreparedFiling {
  const fileIndex = index % templates.length;
  const template = templates[fileIndex] as PreparedFiling;
  const accession = syntheticAccession(Math.floor(index / templates.length), fileIndex);
  const first = index < templates.length;
  return {
    ...template,
    id: accession,
    accessionNumber: accession,
    contentHash: createHash('sha256').update(`${accession}/${template.contentHash}`).digest('hex'),
    blobs: first ? template.blobs : [],
  };
}

async function load(store: Store, from: number, to: number, batch: number, parallel: number): Promise<number> {
  const started = Date.now();
  let next = from;
  const lane = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + batch);
      const filings: PreparedFiling[] = [];
      for (let index = start; index < next; index++) filings.push(copyOf(index));
      await store.writeFilings(filings);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return (Date.now() - started) / 1000;
}

async function measure(store: Store): Promise<{ p50: number; p95: number; perQuery: Map<string, { ms: number; hits: number }> }> {
  const times: number[] = [];
  const perQuery = new Map<string, { ms: number; hits: number }>();
  for (let round = 0; round <= rounds; round++) {
    for (const text of QUERIES) {
      const started = process.hrtime.bigint();
      const page = await store.search({ text, limit: 20 });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (round === 0) continue; // warm-up
      times.push(ms);
      const entry = perQuery.get(text) ?? { ms: 0, hits: page.hits.length };
      entry.ms += ms / rounds;
      perQuery.set(text, entry);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { p50: at(0.5), p95: at(0.95), perQuery };
}

const cluster = await startTestCluster({
  durable: true,
  settings: {
    shared_buffers: '1GB',
    work_mem: '32MB',
    maintenance_work_mem: '512MB',
    max_wal_size: '8GB',
    checkpoint_timeout: '30min',
    effective_cache_size: '8GB',
  },
});
try {
  const url = await cluster.createDatabase('search');
  const postgres = await openPostgresStore(url, { poolSize: 4 });
  const sqliteFile = join(root, 'search.db');
  const sqlite = openSqliteStore(sqliteFile);
  let loaded = 0;
  for (const size of sizes) {
    const pgSeconds = await load(postgres, loaded, size, 200, 2);
    const sqliteSeconds = await load(sqlite, loaded, size, 500, 1);
    const added = size - loaded;
    loaded = size;
    await queryOnce(url, 'VACUUM ANALYZE');
    const [pgRow] = await queryOnce<{ size: string; passages: string }>(
      url,
      'SELECT pg_database_size(current_database()) AS size, (SELECT count(*) FROM passages) AS passages',
    );
    const sqliteBytes = statSync(sqliteFile).size + (existsSync(`${sqliteFile}-wal`) ? statSync(`${sqliteFile}-wal`).size : 0);
    console.log(`\n== ${size.toLocaleString('en-US')} filings, ${Number(pgRow?.passages).toLocaleString('en-US')} passages`);
    console.log(
      `load (writes only, no parsing) of ${added} filings: PostgreSQL ${(added / pgSeconds).toFixed(0)} filings/s (2 connections), SQLite ${(added / sqliteSeconds).toFixed(0)} filings/s`,
    );
    console.log(
      `size: PostgreSQL ${(Number(pgRow?.size) / 1e9).toFixed(2)} GB, SQLite ${(sqliteBytes / 1e9).toFixed(2)} GB (original bytes shared by the copies)`,
    );
    const onPostgres = await measure(postgres);
    const onSqlite = await measure(sqlite);
    console.log(
      `search (limit 20, ${QUERIES.length} queries x ${rounds}): PostgreSQL p50 ${onPostgres.p50.toFixed(1)} ms, p95 ${onPostgres.p95.toFixed(1)} ms; SQLite p50 ${onSqlite.p50.toFixed(1)} ms, p95 ${onSqlite.p95.toFixed(1)} ms`,
    );
    console.log(`${'query'.padEnd(42)} ${'PostgreSQL ms'.padStart(14)} ${'SQLite ms'.padStart(10)} ${'hits'.padStart(6)}`);
    for (const text of QUERIES) {
      const a = onPostgres.perQuery.get(text);
      const b = onSqlite.perQuery.get(text);
      console.log(
        `${text.padEnd(42)} ${(a?.ms ?? 0).toFixed(1).padStart(14)} ${(b?.ms ?? 0).toFixed(1).padStart(10)} ${`${a?.hits}/${b?.hits}`.padStart(6)}`,
      );
    }
  }
  await postgres.close();
  await sqlite.close();
} finally {
  await cluster.stop();
  rmSync(root, { recursive: true, force: true });
}
