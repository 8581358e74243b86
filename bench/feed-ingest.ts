/**
 * Download-free half of "feed archive download and ingest": ingests a generated daily feed archive (.nc.tar.gz of
 * 2,000 distinct submissions) and prints MB/s. Run: npx tsx bench/feed-ingest.ts
 */
import { createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { writeFilingSet } from '../test/filing-set.js';

const dir = '/tmp/feedbench';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir);
writeFilingSet(join(dir, 'f'), 2000, 5000);
const pack = tarStream.pack();
const out = join(dir, '20021226.nc.tar.gz');
const writing = pipeline(pack, createGzip({ level: 6 }), createWriteStream(out));
let raw = 0;
for (const name of readdirSync(join(dir, 'f', '0000'))) {
  const b = readFileSync(join(dir, 'f', '0000', name));
  raw += b.length;
  await new Promise<void>((r, j) => pack.entry({ name: name.replace('.txt', '.nc') }, b, (e) => (e ? j(e) : r())));
}
pack.finalize();
await writing;

const store = openSqliteStore(join(dir, 'x.db'));
const t = performance.now();
const s = await ingestPaths(store, [out], { workers: 2, batchSize: 200 });
const sec = (performance.now() - t) / 1000;
console.log(
  `feed archive ${(statSync(out).size / 1e6).toFixed(0)} MB compressed, ${(raw / 1e6).toFixed(0)} MB of submissions: ${s.ingested} filings in ${sec.toFixed(1)} s = ${(raw / 1e6 / sec).toFixed(1)} MB/s, ${(s.ingested / sec).toFixed(0)} filings/s`,
);
