/**
 * Ingest rate into PostgreSQL through the job queue with 1, 2 and 4 worker processes (the compiled CLI,
 * `edgarkit worker`, one parser thread each) on loopback, and the same filing set into SQLite for comparison.
 * A private, durable cluster (fsync on) is started in a temporary folder and removed at the end.
 *
 * Run: npm run build && npx tsx bench/postgres-ingest.ts [filings=3000] [workers=1,2,4]
 * Prints per run: wall time, filings/s, MB/s, database size, the load average at the start and end, and CPU seconds
 * of the worker processes (all threads) and of PostgreSQL (the postmaster and its processes, the exited backends
 * included): on a shared machine the CPU per filing holds where wall time does not; and the share of the
 * backends' samples spent waiting on another writer's lock. Then the SQLite baseline (one
 * process, 2 threads).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { writeFilingSet } from '../test/filing-set.js';
import { queryOnce, startTestCluster } from '../test/postgres/cluster.js';
import { projectRoot } from '../test/shared-files.js';
import { runScaleCli, scaleCliScript } from '../test/postgres/scale-cli.js';
import { runNode } from './child-run.js';
import { folderBytes } from './corpus.js';

const count = Number(process.argv[2] ?? 3000);
const workerCounts = (process.argv[3] ?? '1,2,4').split(',').map(Number);
const perJob = 100;
const root = `/tmp/edgarkit-bench-pg-ingest-${count}`;
const inputs = join(root, 'filings');

if (!existsSync(inputs)) {
  mkdirSync(root, { recursive: true });
  writeFilingSet(inputs, count, perJob);
}
const rawBytes = folderBytes(inputs);
console.log(`${count} filings, ${(rawBytes / 1e6).toFixed(0)} MB in ${count / perJob} job folders; ${availableParallelism()} cores`);

/** utime, stime, cutime, cstime of a process, in seconds (Linux clock ticks of 1/100 s), or zeros if it is gone. */
function processCpu(pid: number): { own: number; reaped: number } {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
    const tick = (index: number) => Number(fields[index]) / 100;
    return { own: tick(11) + tick(12), reaped: tick(13) + tick(14) };
  } catch {
    return { own: 0, reaped: 0 };
  }
}

/** CPU seconds PostgreSQL has used: the postmaster, its live processes, and the ones it has reaped (backends). */
function postgresCpuSeconds(directory: string): number {
  const postmaster = Number(readFileSync(join(directory, 'data', 'postmaster.pid'), 'latin1').split('\n')[0]);
  const main = processCpu(postmaster);
  let total = main.own + main.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
      if (Number(fields[1]) === postmaster) total += processCpu(Number(entry)).own;
    } catch {
      // The process ended between the listing and the read: the postmaster's reaped time holds it now.
    }
  }
  return total;
}

const load = () => loadavg()[0]?.toFixed(2) ?? '?';

/**
 * Samples the database's active backends every 100 ms until stopped: the share of samples spent waiting on a lock
 * held by another writer, and on which statement (the first words of its query). Measured as a share, it holds on
 * a busy machine where the filings/s do not.
 */
function sampleLockWaits(url: string): { stop(): Promise<string> } {
  const client = new pg.Client({ connectionString: url });
  let active = 0;
  let waiting = 0;
  const on = new Map<string, number>();
  let running = true;
  const sampling = (async () => {
    await client.connect();
    while (running) {
      const rows = (
        await client.query(
          `SELECT wait_event_type, left(regexp_replace(query, '\\s+', ' ', 'g'), 40) AS query FROM pg_stat_activity
           WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
        )
      ).rows as { wait_event_type: string | null; query: string }[];
      for (const row of rows) {
        active++;
        if (row.wait_event_type !== 'Lock') continue;
        waiting++;
        on.set(row.query, (on.get(row.query) ?? 0) + 1);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await sampling;
      const top = [...on].sort((a, b) => b[1] - a[1]).slice(0, 3);
      return (
        `lock waits ${active === 0 ? 0 : ((waiting / active) * 100).toFixed(1)}% of ${active} active-backend samples` +
        (top.length > 0 ? ` (${top.map(([query, n]) => `${n}× "${query}"`).join(', ')})` : '')
      );
    },
  };
}

const cluster = await startTestCluster({
  durable: true,
  settings: { shared_buffers: '512MB', max_wal_size: '4GB', checkpoint_timeout: '15min', maintenance_work_mem: '256MB' },
});
try {
  for (const workers of workerCounts) {
    const url = await cluster.createDatabase(`ingest_${workers}`);
    const migrate = await runScaleCli(['migrate', '--db', url]);
    if (migrate.code !== 0) throw new Error(migrate.stderr);
    const enqueue = await runScaleCli(['enqueue', inputs, '--folders', '--db', url]);
    if (enqueue.code !== 0) throw new Error(enqueue.stderr);
    const loadBefore = load();
    const postgresBefore = postgresCpuSeconds(cluster.directory);
    const started = Date.now();
    const locks = sampleLockWaits(url);
    const runs = await Promise.all(
      Array.from({ length: workers }, (_, index) =>
        runNode([scaleCliScript(), 'worker', '--db', url, '--name', `bench-${index}`, '--threads', '1', '--batch', '100'], projectRoot),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const lockWaits = await locks.stop();
    // The backends exit once their workers have disconnected; give the postmaster a moment to reap them.
    await new Promise((done) => setTimeout(done, 1000));
    const postgresCpu = postgresCpuSeconds(cluster.directory) - postgresBefore;
    const workerCpu = runs.reduce((sum, run) => sum + run.cpuSeconds, 0);
    const peakRss = Math.max(...runs.map((run) => run.peakRssMb));
    const [row] = await queryOnce<{ filings: string; size: string }>(
      url,
      'SELECT (SELECT count(*) FROM filings) AS filings, pg_database_size(current_database()) AS size',
    );
    const filings = Number(row?.filings);
    if (filings !== count)
      throw new Error(`${workers} worker(s) stored ${filings} of ${count} filings:\n${runs.map((run) => run.stderr).join('')}`);
    console.log(
      `PostgreSQL, ${workers} worker${workers === 1 ? '' : 's'}: ${filings} filings in ${seconds.toFixed(1)} s = ${(filings / seconds).toFixed(0)} filings/s, ` +
        `${(rawBytes / 1e6 / seconds).toFixed(1)} MB/s; database ${(Number(row?.size) / 1e6).toFixed(0)} MB (${((Number(row?.size) / rawBytes) * 100).toFixed(0)}% of the input); ` +
        `CPU: workers ${workerCpu.toFixed(1)} s (${((workerCpu / filings) * 1000).toFixed(1)} ms per filing, peak RSS ${peakRss.toFixed(0)} MB), ` +
        `PostgreSQL ${postgresCpu.toFixed(1)} s (${((postgresCpu / filings) * 1000).toFixed(1)} ms per filing); ${lockWaits}; load ${loadBefore} → ${load()}`,
    );
  }
} finally {
  await cluster.stop();
}

const db = join(root, 'baseline.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
const store = openSqliteStore(db);
const sqliteLoad = load();
const sqliteCpu = process.cpuUsage();
const summary = await ingestPaths(store, [inputs], { workers: 2, batchSize: 100 });
await store.close();
const sqliteCpuUsed = process.cpuUsage(sqliteCpu);
const sqliteCpuSeconds = (sqliteCpuUsed.user + sqliteCpuUsed.system) / 1e6;
const dbBytes = statSync(db).size + (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);
console.log(
  `SQLite, one process with 2 threads: ${summary.ingested} filings in ${summary.seconds.toFixed(1)} s = ${(summary.ingested / summary.seconds).toFixed(0)} filings/s, ` +
    `${(summary.bytes / 1e6 / summary.seconds).toFixed(1)} MB/s; database ${(dbBytes / 1e6).toFixed(0)} MB; ` +
    `CPU ${sqliteCpuSeconds.toFixed(1)} s (${((sqliteCpuSeconds / summary.ingested) * 1000).toFixed(1)} ms per filing); load ${sqliteLoad} → ${load()}`,
);
rmSync(db, { force: true });
