/**
 * Ingest rate and search latency on a filing set made by repeating corpus files under new accession numbers.
 * Run: npx tsx bench/ingest.ts [filings=50000] [workers=2]
 * Prints filings/s, MB/s, database size vs raw bytes, and p50/p95 search latency over 20 typical queries.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { writeFilingSet } from '../test/filing-set.js';
import { folderBytes, peakRssMb, SEARCH_QUERIES } from './corpus.js';

const count = Number(process.argv[2] ?? 50_000);
const workers = Number(process.argv[3] ?? 2);
const root = `/tmp/edgarkit-bench-ingest-${count}`;
const inputs = join(root, 'filings');
const db = join(root, 'bench.db');

if (!existsSync(inputs)) {
  mkdirSync(root, { recursive: true });
  const started = Date.now();
  writeFilingSet(inputs, count);
  console.log(`wrote ${count} filings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
const rawBytes = folderBytes(inputs);

const store = openSqliteStore(db);
const summary = await ingestPaths(store, [inputs], {
  workers,
  batchSize: 200,
  onProgress: (progress) => process.stderr.write(`\r${progress.filings} filings, ${progress.filingsPerSecond.toFixed(0)}/s   `),
});
process.stderr.write('\n');
console.log(
  `ingest: ${summary.ingested} filings (${summary.failed.length} failed), ${(summary.bytes / 1e6).toFixed(0)} MB in ${summary.seconds.toFixed(1)} s`,
);
console.log(
  `  ${(summary.ingested / summary.seconds).toFixed(0)} filings/s, ${(summary.bytes / 1e6 / summary.seconds).toFixed(1)} MB/s with ${workers} worker threads; peak RSS ${peakRssMb()} MB`,
);
await store.close();
const dbBytes = statSync(db).size + (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);
console.log(
  `  database ${(dbBytes / 1e6).toFixed(0)} MB for ${(rawBytes / 1e6).toFixed(0)} MB of submissions (${((dbBytes / rawBytes) * 100).toFixed(0)}%)`,
);

const queries = SEARCH_QUERIES;
const reader = openSqliteStore(db, { readonly: true });
const times: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const text of queries) {
    const started = process.hrtime.bigint();
    await reader.search({ text, limit: 20 });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(1);
console.log(`search: ${times.length} queries (20 distinct x 5), p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
await reader.close();
