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
 *        [--queries document|legacy] [--code DIR] [--min-free-gb 10]
 *        [--keep] [--sqlite-db FILE [--grow]] [--measure-priority=-5] [--shard-passages N]
 * Each engine in turn loads up to each size and measures there: p50/p95 over the queries (each run `rounds`
 * times after one warm-up round), and per query; then its database is deleted before the next engine starts, so
 * that 500,000 filings in each (about 40-46 GB apiece) fit one disk. The copies are made the same way for both, so
 * both hold the same data. Results are also written as JSON to --out.
 *
 * --queries: `document` (default) is DOCUMENT_SEARCH_QUERIES, the list for document-level matching; `legacy` the
 * passage-era list (SEARCH_QUERIES and FILTERED_SEARCH_QUERIES) the earlier figures were measured with.
 * --code: the root of another checkout of edgarkit (e.g. an older commit unpacked with `git archive`) whose stores
 * and prepareFiling are measured instead of this tree's, so old and new code load and answer the same list.
 * --min-free-gb: before growing to the next size, the database's size is projected from its bytes per filing so
 * far; a size that would leave less free disk than this is skipped (and said so).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { getPriority, loadavg, setPriority } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { PreparedFiling, ReadWriteStore, SearchSort } from '../src/store/store.js';
import { accessionedCorpus, syntheticAccession } from '../test/filing-set.js';
import { queryOnce, startTestCluster } from '../test/postgres/cluster.js';
import { type BenchSearch, DOCUMENT_SEARCH_QUERIES, FILTERED_SEARCH_QUERIES, SEARCH_QUERIES } from './corpus.js';

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
    queries: { type: 'string', default: 'document' },
    code: { type: 'string', default: resolve(dirname(fileURLToPath(import.meta.url)), '..') },
    'min-free-gb': { type: 'string', default: '10' },
    // Leave the SQLite database in --dir at the end, to measure it again later with --sqlite-db.
    keep: { type: 'boolean', default: false },
    // Measure an existing SQLite database (left by --keep) without loading: --sizes then names its one size.
    'sqlite-db': { type: 'string' },
    // With --sqlite-db: first load the database (left by a stopped --keep run) from its filings on up to --sizes.
    grow: { type: 'boolean', default: false },
    // The process priority (nice value) while measuring, e.g. -5, so that a long load runs at its own priority
    // and only the timed searches get the CPU first; unset: the priority the process started with.
    'measure-priority': { type: 'string' },
    // Passages per SQLite index shard for the shards this run makes (default: the measured code's SHARD_PASSAGES);
    // shards already in a --sqlite-db database keep their size.
    'shard-passages': { type: 'string' },
  },
});
const sizes = options.sizes.split(',').map(Number);
const rounds = Number(options.rounds);
const engines = options.engines.split(',') as ('sqlite' | 'postgres')[];
const root = options.dir;

if (!options.keep) rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

const QUERIES: readonly BenchSearch[] =
  options.queries === 'legacy' ? [...SEARCH_QUERIES, ...FILTERED_SEARCH_QUERIES].map((text) => ({ text })) : DOCUMENT_SEARCH_QUERIES;
const label = (query: BenchSearch) => (query.sort ? `${query.text} (sort=${query.sort})` : query.text);

// The code measured: this tree's, or another checkout's (prepareFiling lived in src/store/ before src/pipeline/).
const code = resolve(options.code);
const module = async <T>(...candidates: string[]): Promise<T> => {
  const found = candidates.map((path) => join(code, path)).find((path) => existsSync(path));
  if (!found) throw new Error(`--code ${code}: none of ${candidates.join(', ')} exists`);
  return (await import(pathToFileURL(found).href)) as T;
};
const { prepareFiling } = await module<typeof import('../src/pipeline/prepare-filing.js')>(
  'src/pipeline/prepare-filing.ts',
  'src/store/prepare-filing.ts',
);
const { openSqliteStore } = await module<typeof import('../src/store/sqlite/sqlite-store.js')>('src/store/sqlite/sqlite-store.ts');
const { openPostgresStore } = await module<typeof import('../src/store/postgres/postgres-store.js')>(
  'src/store/postgres/postgres-store.ts',
);
console.log(`code measured: ${code}`);
const sqliteOptions = options['shard-passages'] ? { shardPassages: Number(options['shard-passages']) } : {};

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

/**
 * Writes copies `from`..`to`; returns the wall seconds and this process's CPU seconds (all threads). On a shared
 * machine the wall time says as much about the neighbours as about the code; for SQLite, which writes in this
 * process, the CPU seconds are the cost itself.
 */
async function load(
  store: ReadWriteStore,
  from: number,
  to: number,
  batch: number,
  parallel: number,
): Promise<{ seconds: number; cpuSeconds: number }> {
  const started = Date.now();
  const cpu = process.cpuUsage();
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
  const used = process.cpuUsage(cpu);
  return { seconds: (Date.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

interface QueryResult {
  /** Mean over the rounds. */
  ms: number;
  /** Slowest of the rounds. */
  maxMs: number;
  /** Mean CPU milliseconds of this process (all threads) over the rounds: on a shared machine, less noisy than wall time. */
  cpuMs: number;
  hits: number;
  /** Filings (new code) or passages (older code without totals) that match, as the page says; null if it says nothing. */
  total: number | null;
  totalExact: boolean | null;
  filings: string[];
  error?: string;
}

/** Percentile `q` of some times (sorted here). */
function percentile(times: number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** A query with a phrase of two words or more: the ones a position check costs most in PostgreSQL. */
const isPhraseQuery = (query: BenchSearch) => /"[^"]*\s[^"]*"/.test(query.text);

async function measure(store: ReadWriteStore): Promise<{
  p50: number;
  p95: number;
  cpuP50: number;
  cpuP95: number;
  phraseP50: number;
  phraseP95: number;
  perQuery: Map<string, QueryResult>;
}> {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const phraseTimes: number[] = [];
  const perQuery = new Map<string, QueryResult>();
  for (let round = 0; round <= rounds; round++) {
    for (const query of QUERIES) {
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      let page: Awaited<ReturnType<ReadWriteStore['search']>> | undefined;
      let error: string | undefined;
      try {
        page = await store.search({ text: query.text, limit: 20, ...(query.sort ? { sort: query.sort as SearchSort } : {}) });
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const cpuUsed = process.cpuUsage(cpu);
      const cpuMs = (cpuUsed.user + cpuUsed.system) / 1e3;
      if (round === 0) continue; // warm-up
      times.push(ms);
      cpuTimes.push(cpuMs);
      if (isPhraseQuery(query)) phraseTimes.push(ms);
      const entry = perQuery.get(label(query)) ?? {
        ms: 0,
        maxMs: 0,
        cpuMs: 0,
        hits: page?.hits.length ?? 0,
        // Older pages carry no total: left null rather than guessed.
        total: typeof page?.total === 'number' ? page.total : null,
        totalExact: typeof page?.totalExact === 'boolean' ? page.totalExact : null,
        filings: page?.hits.map((hit) => hit.filingId) ?? [],
        ...(error ? { error } : {}),
      };
      entry.ms += ms / rounds;
      entry.cpuMs += cpuMs / rounds;
      entry.maxMs = Math.max(entry.maxMs, ms);
      perQuery.set(label(query), entry);
    }
  }
  return {
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    cpuP50: percentile(cpuTimes, 0.5),
    cpuP95: percentile(cpuTimes, 0.95),
    phraseP50: percentile(phraseTimes, 0.5),
    phraseP95: percentile(phraseTimes, 0.95),
    perQuery,
  };
}

interface StageResult {
  engine: 'sqlite' | 'postgres';
  filings: number;
  passages: number;
  /** Null when the stage loaded nothing (--sqlite-db, --postgres-url). */
  loadFilingsPerSecond: number | null;
  /** Filings written per CPU-second of this process (for SQLite, all of the load's work). */
  loadFilingsPerCpuSecond: number | null;
  databaseBytes: number;
  p50: number;
  p95: number;
  /** The same over CPU milliseconds of this process. */
  cpuP50: number;
  cpuP95: number;
  /** Over the queries with a phrase of two words or more only. */
  phraseP50: number;
  phraseP95: number;
  /** The load average (1, 5, 15 minutes) when the measurement ended: the machine is shared. */
  loadAverage: number[];
  perQuery: Record<string, QueryResult>;
}
const results: StageResult[] = [];
const save = () => writeFileSync(options.out, `${JSON.stringify({ code, sizes, rounds, queries: QUERIES, results }, null, 2)}\n`);

async function stage(
  engine: 'sqlite' | 'postgres',
  store: ReadWriteStore,
  size: number,
  loaded: number,
  describe: () => Promise<{ bytes: number; passages: number }>,
) {
  const { seconds, cpuSeconds } = await load(store, loaded, size, engine === 'postgres' ? 200 : 500, engine === 'postgres' ? 2 : 1);
  const { bytes, passages } = await describe();
  const priority = getPriority();
  if (options['measure-priority'] !== undefined) setPriority(Number(options['measure-priority']));
  const measured = await measure(store).finally(() => setPriority(priority));
  const result: StageResult = {
    engine,
    filings: size,
    passages,
    loadFilingsPerSecond: size > loaded ? (size - loaded) / seconds : null,
    loadFilingsPerCpuSecond: size > loaded ? (size - loaded) / cpuSeconds : null,
    databaseBytes: bytes,
    p50: measured.p50,
    p95: measured.p95,
    cpuP50: measured.cpuP50,
    cpuP95: measured.cpuP95,
    phraseP50: measured.phraseP50,
    phraseP95: measured.phraseP95,
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
    perQuery: Object.fromEntries(measured.perQuery),
  };
  results.push(result);
  save();
  console.log(
    `\n== ${engine} at ${size.toLocaleString('en-US')} filings, ${passages.toLocaleString('en-US')} passages: ${result.loadFilingsPerSecond === null ? 'not loaded here' : `load ${result.loadFilingsPerSecond.toFixed(0)} filings/s (writes only; ${result.loadFilingsPerCpuSecond?.toFixed(0)} per CPU-second of this process)`}, ${(bytes / 1e9).toFixed(2)} GB`,
  );
  console.log(
    `search (limit 20, ${QUERIES.length} queries x ${rounds}): p50 ${measured.p50.toFixed(1)} ms, p95 ${measured.p95.toFixed(1)} ms (CPU p50 ${measured.cpuP50.toFixed(1)}, p95 ${measured.cpuP95.toFixed(1)} ms); phrases (${QUERIES.filter(isPhraseQuery).length}) p50 ${measured.phraseP50.toFixed(1)} ms, p95 ${measured.phraseP95.toFixed(1)} ms; load average ${result.loadAverage.join(', ')}`,
  );
  for (const query of QUERIES) {
    const entry = measured.perQuery.get(label(query));
    const total = entry?.total === null || entry?.total === undefined ? '' : ` total ${entry.totalExact ? '' : '>'}${entry.total}`;
    console.log(
      `  ${label(query).padEnd(48)} ${(entry?.ms ?? 0).toFixed(1).padStart(9)} ms (max ${(entry?.maxMs ?? 0).toFixed(1)}, CPU ${(entry?.cpuMs ?? 0).toFixed(1)}) ${String(entry?.hits).padStart(4)} hits${total}${entry?.error ? ` ERROR ${entry.error}` : ''}`,
    );
  }
}

/** Free bytes on the disk holding `path`. */
function freeBytes(path: string): number {
  const stats = statfsSync(path);
  return stats.bavail * stats.bsize;
}

for (const engine of engines) {
  if (engine === 'sqlite') {
    const file = options['sqlite-db'] ?? join(root, 'search.db');
    const describe = async (size: number) => {
      const reader = new Database(file, { readonly: true });
      const passages = Number((reader.prepare('SELECT sum(passages) AS n FROM passage_shards').get() as { n: number }).n);
      reader.close();
      const bytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
      return { bytes, passages, bytesPerFiling: bytes / size };
    };
    if (options['sqlite-db']) {
      const sqlite = openSqliteStore(file, sqliteOptions);
      const size = sizes[sizes.length - 1] as number;
      // The copies were written in order, a batch per transaction: n filings stored are copies 0 to n - 1.
      const reader = new Database(file, { readonly: true });
      const stored = options.grow ? Number((reader.prepare('SELECT count(*) AS n FROM filing_hits').get() as { n: number }).n) : size;
      reader.close();
      await stage('sqlite', sqlite, size, Math.min(stored, size), () => describe(size));
      await sqlite.close();
      continue;
    }
    const sqlite = openSqliteStore(file, sqliteOptions);
    let loaded = 0;
    let bytesPerFiling = 0;
    for (const size of sizes) {
      const projected = (size - loaded) * bytesPerFiling;
      const minFree = Number(options['min-free-gb']) * 1e9;
      if (loaded > 0 && freeBytes(root) - projected < minFree) {
        console.log(
          `\n== sqlite: skipping ${size.toLocaleString('en-US')} filings: ${(projected / 1e9).toFixed(1)} GB more would leave ${((freeBytes(root) - projected) / 1e9).toFixed(1)} GB free (--min-free-gb ${options['min-free-gb']})`,
        );
        break;
      }
      await stage('sqlite', sqlite, size, loaded, async () => {
        const described = await describe(size);
        bytesPerFiling = described.bytesPerFiling;
        return described;
      });
      loaded = size;
    }
    await sqlite.close();
    if (options.keep) {
      console.log(`\nkept: --sqlite-db ${file}`);
      continue;
    }
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
if (!options.keep) rmSync(root, { recursive: true, force: true });

// Side by side, for the sizes both engines reached.
for (const size of sizes) {
  const lite = results.find((r) => r.engine === 'sqlite' && r.filings === size);
  const pg = results.find((r) => r.engine === 'postgres' && r.filings === size);
  if (!lite || !pg) continue;
  console.log(
    `\n== side by side at ${size.toLocaleString('en-US')} filings: PostgreSQL p50 ${pg.p50.toFixed(1)} / p95 ${pg.p95.toFixed(1)} ms; SQLite p50 ${lite.p50.toFixed(1)} / p95 ${lite.p95.toFixed(1)} ms`,
  );
  console.log(
    `${'query'.padEnd(48)} ${'PostgreSQL ms'.padStart(14)} ${'SQLite ms'.padStart(10)} ${'hits'.padStart(6)} ${'overlap'.padStart(7)}`,
  );
  for (const query of QUERIES) {
    const text = label(query);
    const a = pg.perQuery[text];
    const b = lite.perQuery[text];
    // First pages rank the same text differently (BM25 against ts_rank_cd, and copies tie): shown as overlap.
    const shared = (a?.filings ?? []).filter((id) => b?.filings.includes(id)).length;
    console.log(
      `${text.padEnd(48)} ${(a?.ms ?? 0).toFixed(1).padStart(14)} ${(b?.ms ?? 0).toFixed(1).padStart(10)} ${`${a?.hits}/${b?.hits}`.padStart(6)} ${String(shared).padStart(7)}`,
    );
  }
}
