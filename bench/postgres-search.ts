/**
 * Search latency on PostgreSQL and SQLite over the same large filing set, side by side.
 *
 * Loading hundreds of thousands of filings through the parser would take hours on a small machine, so the set is
 * made the way test/filing-set.ts makes it (every corpus submission repeated under new accession numbers) but
 * prepared once per corpus file: each copy is the prepared filing with a new id, accession and content hash,
 * written with each adapter's own writeFilings (passage split, full-text index, parties, companies — everything
 * but the parse). Copies share the original bytes (content-addressed blobs are written once).
 *
 * Run: npx tsx bench/postgres-search.ts [--sizes 25000,100000] [--rounds 5] [--engines sqlite,postgres] [--out FILE]
 * Each engine in turn loads up to each size and measures there: p50/p95 over the queries below (each run `rounds`
 * times after one warm-up round), and per query; then its database is deleted before the next engine starts, so
 * that 500,000 filings in each (about 40-46 GB apiece) fit one disk. The copies are made the same way for both, so
 * both hold the same data. Results are also written as JSON to --out.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { prepareFiling } from '../src/pipeline/prepare-filing.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { PreparedFiling, ReadWriteStore } from '../src/store/store.js';
import { accessionedCorpus, syntheticAccession } from '../test/filing-set.js';
import { queryOnce, startTestCluster } from '../test/postgres/cluster.js';
import { FILTERED_SEARCH_QUERIES, SEARCH_QUERIES } from './corpus.js';

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '25000,100000' },
    rounds: { type: 'string', default: '5' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    out: { type: 'string', default: '/tmp/edgarkit-search-bench.json' },
    // Where the SQLite database is made (emptied first, removed at the end).
    dir: { type: 'string', default: '/tmp/edgarkit-bench-pg-search' },
    // Keep the PostgreSQL cluster running after measuring (until Ctrl-C) to measure it again with --postgres-url.
    hold: { type: 'boolean', default: false },
    // Measure an existing database (left by --hold) without loading: --sizes then names its one size.
    'postgres-url': { type: 'string' },
  },
});
const sizes = options.sizes.split(',').map(Number);
const rounds = Number(options.rounds);
const engines = options.engines.split(',') as ('sqlite' | 'postgres')[];
const root = options.dir;

rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

const QUERIES = [...SEARCH_QUERIES, ...FILTERED_SEARCH_QUERIES];

const corpus = accessionedCorpus();
const templates: PreparedFiling[] = corpus.map((file) => prepareFiling(file.bytes, file.name));
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

async function load(store: ReadWriteStore, from: number, to: number, batch: number, parallel: number): Promise<number> {
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

async function measure(
  store: ReadWriteStore,
): Promise<{ p50: number; p95: number; perQuery: Map<string, { ms: number; hits: number; filings: string[] }> }> {
  const times: number[] = [];
  const perQuery = new Map<string, { ms: number; hits: number; filings: string[] }>();
  for (let round = 0; round <= rounds; round++) {
    for (const text of QUERIES) {
      const started = process.hrtime.bigint();
      const page = await store.search({ text, limit: 20 });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (round === 0) continue; // warm-up
      times.push(ms);
      const entry = perQuery.get(text) ?? { ms: 0, hits: page.hits.length, filings: page.hits.map((hit) => hit.filingId) };
      entry.ms += ms / rounds;
      perQuery.set(text, entry);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { p50: at(0.5), p95: at(0.95), perQuery };
}

interface StageResult {
  engine: 'sqlite' | 'postgres';
  filings: number;
  passages: number;
  loadFilingsPerSecond: number;
  databaseBytes: number;
  p50: number;
  p95: number;
  perQuery: Record<string, { ms: number; hits: number; filings: string[] }>;
}
const results: StageResult[] = [];
const save = () => writeFileSync(options.out, `${JSON.stringify({ sizes, rounds, queries: QUERIES, results }, null, 2)}\n`);

async function stage(
  engine: 'sqlite' | 'postgres',
  store: ReadWriteStore,
  size: number,
  loaded: number,
  describe: () => Promise<{ bytes: number; passages: number }>,
) {
  const seconds = await load(store, loaded, size, engine === 'postgres' ? 200 : 500, engine === 'postgres' ? 2 : 1);
  const { bytes, passages } = await describe();
  const measured = await measure(store);
  const result: StageResult = {
    engine,
    filings: size,
    passages,
    loadFilingsPerSecond: (size - loaded) / seconds,
    databaseBytes: bytes,
    p50: measured.p50,
    p95: measured.p95,
    perQuery: Object.fromEntries(measured.perQuery),
  };
  results.push(result);
  save();
  console.log(
    `\n== ${engine} at ${size.toLocaleString('en-US')} filings, ${passages.toLocaleString('en-US')} passages: load ${result.loadFilingsPerSecond.toFixed(0)} filings/s (writes only), ${(bytes / 1e9).toFixed(2)} GB`,
  );
  console.log(
    `search (limit 20, ${QUERIES.length} queries x ${rounds}): p50 ${measured.p50.toFixed(1)} ms, p95 ${measured.p95.toFixed(1)} ms`,
  );
  for (const text of QUERIES) {
    const entry = measured.perQuery.get(text);
    console.log(`  ${text.padEnd(42)} ${(entry?.ms ?? 0).toFixed(1).padStart(9)} ms ${String(entry?.hits).padStart(4)} hits`);
  }
}

for (const engine of engines) {
  if (engine === 'sqlite') {
    const file = join(root, 'search.db');
    const sqlite = openSqliteStore(file);
    let loaded = 0;
    for (const size of sizes) {
      await stage('sqlite', sqlite, size, loaded, async () => {
        const reader = new Database(file, { readonly: true });
        const passages = Number((reader.prepare('SELECT sum(passages) AS n FROM passage_shards').get() as { n: number }).n);
        reader.close();
        const bytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
        return { bytes, passages };
      });
      loaded = size;
    }
    await sqlite.close();
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
  } else if (options['postgres-url']) {
    const url = options['postgres-url'];
    const postgres = await openPostgresStore(url, { poolSize: 4 });
    const size = sizes[sizes.length - 1] as number;
    await stage('postgres', postgres, size, size, async () => {
      const [row] = await queryOnce<{ size: string; passages: string }>(
        url,
        'SELECT pg_database_size(current_database()) AS size, (SELECT count(*) FROM passages) AS passages',
      );
      return { bytes: Number(row?.size), passages: Number(row?.passages) };
    });
    await postgres.close();
  } else {
    const cluster = await startTestCluster({
      durable: true,
      settings: {
        shared_buffers: '1GB',
        work_mem: '32MB',
        maintenance_work_mem: '512MB',
        max_wal_size: '8GB',
        checkpoint_timeout: '30min',
        effective_cache_size: '8GB',
        random_page_cost: '1.1', // as docs/scaling.md recommends: the data is in RAM or on SSD
      },
    });
    try {
      const url = await cluster.createDatabase('search');
      const postgres = await openPostgresStore(url, { poolSize: 4 });
      let loaded = 0;
      for (const size of sizes) {
        await stage('postgres', postgres, size, loaded, async () => {
          await queryOnce(url, 'VACUUM ANALYZE');
          const [row] = await queryOnce<{ size: string; passages: string }>(
            url,
            'SELECT pg_database_size(current_database()) AS size, (SELECT count(*) FROM passages) AS passages',
          );
          return { bytes: Number(row?.size), passages: Number(row?.passages) };
        });
        loaded = size;
      }
      await postgres.close();
      if (options.hold) {
        console.log(`\nholding the cluster: --postgres-url ${url} (Ctrl-C to stop it and remove its folder)`);
        const alive = setInterval(() => {}, 60_000); // a signal listener alone does not keep the process running
        await new Promise<void>((resolve) => process.once('SIGINT', resolve));
        clearInterval(alive);
      }
    } finally {
      await cluster.stop();
    }
  }
}
rmSync(root, { recursive: true, force: true });

// Side by side, for the sizes both engines reached.
for (const size of sizes) {
  const lite = results.find((r) => r.engine === 'sqlite' && r.filings === size);
  const pg = results.find((r) => r.engine === 'postgres' && r.filings === size);
  if (!lite || !pg) continue;
  console.log(
    `\n== side by side at ${size.toLocaleString('en-US')} filings: PostgreSQL p50 ${pg.p50.toFixed(1)} / p95 ${pg.p95.toFixed(1)} ms; SQLite p50 ${lite.p50.toFixed(1)} / p95 ${lite.p95.toFixed(1)} ms`,
  );
  console.log(
    `${'query'.padEnd(42)} ${'PostgreSQL ms'.padStart(14)} ${'SQLite ms'.padStart(10)} ${'hits'.padStart(6)} ${'overlap'.padStart(7)}`,
  );
  for (const text of QUERIES) {
    const a = pg.perQuery[text];
    const b = lite.perQuery[text];
    // First pages rank the same text differently (BM25 against ts_rank_cd, and copies tie): shown as overlap.
    const shared = (a?.filings ?? []).filter((id) => b?.filings.includes(id)).length;
    console.log(
      `${text.padEnd(42)} ${(a?.ms ?? 0).toFixed(1).padStart(14)} ${(b?.ms ?? 0).toFixed(1).padStart(10)} ${`${a?.hits}/${b?.hits}`.padStart(6)} ${String(shared).padStart(7)}`,
    );
  }
}
