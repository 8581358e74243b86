/**
 * Streams a generated .tar of corpus submissions (≥ 2 GB by default) through readSubmissions and reports MB/s and
 * peak RSS, which must stay under 300 MB whatever the archive size.
 * Run: npx tsx bench/stream-archive.ts [sizeMB] [--gzip]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { readSubmissions } from '../src/io/read-submissions.js';
import { corpusSubmissions, mb, peakRssMb } from './corpus.js';

const targetBytes = Number(process.argv[2] ?? 2048) * 1e6;
const gzip = process.argv.includes('--gzip');
const dir = mkdtempSync(join(tmpdir(), 'edgarkit-bench-'));
const archive = join(dir, gzip ? 'feed.nc.tar.gz' : 'feed.tar');

const corpus = corpusSubmissions();
const pack = tarStream.pack();
const writing = gzip ? pipeline(pack, createGzip({ level: 1 }), createWriteStream(archive)) : pipeline(pack, createWriteStream(archive));
let written = 0;
let members = 0;
while (written < targetBytes) {
  for (const { name, bytes } of corpus) {
    await new Promise<void>((resolve, reject) => pack.entry({ name: `${members}-${name.replace('/', '-')}` }, bytes, (error) => (error ? reject(error) : resolve())));
    written += bytes.length;
    members++;
  }
}
pack.finalize();
await writing;
const archiveBytes = statSync(archive).size;
console.log(`stream-archive: wrote ${members} members, ${mb(written)} MB of submissions (${mb(archiveBytes)} MB on disk) to ${archive}`);

const rssBefore = peakRssMb();
let count = 0;
let failed = 0;
let bytesIn = 0;
const started = process.hrtime.bigint();
for await (const entry of readSubmissions(archive, { onBytes: (bytes) => (bytesIn += bytes) })) {
  if (entry.ok) count++;
  else failed++;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`  read ${count} submissions (${failed} failed), ${mb(bytesIn)} MB in ${seconds.toFixed(2)} s: ${(bytesIn / 1e6 / seconds).toFixed(0)} MB/s, ${(count / seconds).toFixed(0)} submissions/s`);
console.log(`  peak RSS ${peakRssMb()} MB (after writing the archive: ${rssBefore} MB)`);
rmSync(dir, { recursive: true, force: true });
