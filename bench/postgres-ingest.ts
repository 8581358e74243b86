/**
 * Ingest rate into PostgreSQL through the job queue with 1, 2 and 4 worker processes (the compiled CLI,
 * `edgarkit worker`, one parser thread each) on loopback, and the same filing set into SQLite for comparison.
 * A private, durable cluster (fsync on) is started in a temporary folder and removed at the end.
 *
 * Run: npm run build && npx tsx bench/postgres-ingest.ts [filings=3000] [workers=1,2,4]
 * Prints per run: wall time, filings/s, MB/s, database size; and the SQLite baseline (one process, 2 threads).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { writeFilingSet } from '../test/filing-set.js';
import { queryOnce, startTestCluster } from '../test/postgres/cluster.js';
import { runScaleCli, spawnScaleCli } from '../test/postgres/scale-cli.js';
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

const cluster = await startTestCluster({
  durable: true,
  settings: { shared_buffers: '512MB', max_wal_size: '4GB', checkpoint_timeout: '15min', maintenance_work_mem: '256MB' },
});
try {
  for (const workers of workerCounts) {
    const url = await cluster.createDatabase(`ingest_${workers}`);
    const migrate = await runScaleCli(['migrate', '--db', url]);
    if (migrate.code !== 0) throw new Error(migrate.stderr);
    await runScaleCli(['enqueue', inputs, '--folders', '--db', url]);
    const started = Date.now();
    const children = Array.from({ length: workers }, (_, index) =>
      spawnScaleCli(['worker', '--db', url, '--name', `bench-${index}`, '--threads', '1', '--batch', '100']),
    );
    const runs = await Promise.all(children.map((child) => child.output));
    const seconds = (Date.now() - started) / 1000;
    for (const run of runs) if (run.code !== 0) throw new Error(`a worker failed: ${run.stderr}`);
    const [row] = await queryOnce<{ filings: string; size: string }>(
      url,
      'SELECT (SELECT count(*) FROM filings) AS filings, pg_database_size(current_database()) AS size',
    );
    const filings = Number(row?.filings);
    console.log(
      `PostgreSQL, ${workers} worker${workers === 1 ? '' : 's'}: ${filings} filings in ${seconds.toFixed(1)} s = ${(filings / seconds).toFixed(0)} filings/s, ` +
        `${(rawBytes / 1e6 / seconds).toFixed(1)} MB/s; database ${(Number(row?.size) / 1e6).toFixed(0)} MB (${((Number(row?.size) / rawBytes) * 100).toFixed(0)}% of the input)`,
    );
  }
} finally {
  await cluster.stop();
}

const db = join(root, 'baseline.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
const store = openSqliteStore(db);
const summary = await ingestPaths(store, [inputs], { workers: 2, batchSize: 100 });
await store.close();
const dbBytes = statSync(db).size + (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);
console.log(
  `SQLite, one process with 2 threads: ${summary.ingested} filings in ${summary.seconds.toFixed(1)} s = ${(summary.ingested / summary.seconds).toFixed(0)} filings/s, ` +
    `${(summary.bytes / 1e6 / summary.seconds).toFixed(1)} MB/s; database ${(dbBytes / 1e6).toFixed(0)} MB`,
);
rmSync(db, { force: true });
