/**
 * `edgarkit ingest` of a daily feed archive (.nc.tar.gz) beside gunzip's own rate on the same file, in the same
 * round: the archive is made of the corpus's dissemination files (`corpus/nc`) repeated under new accession
 * numbers (every occurrence replaced, lengths unchanged), gzip level 6 as EDGAR's feed is. Each round runs
 * `gunzip -c archive > /dev/null`, then the built CLI (`npm run build` first) once per worker count, each on a
 * fresh database. Prints MB/s of submissions (the archive's unpacked members) for each, the ratio of ingest to
 * gunzip, and CPU seconds where they can be read (`/usr/bin/time` for gunzip).
 * Run: npx tsx bench/feed-ingest.ts [--filings 200] [--workers 0,2] [--rounds 1] [--dir /tmp/…]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { syntheticAccession } from '../test/filing-set.js';
import { sharedRoot } from '../test/shared-files.js';
import { runNode } from './child-run.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    filings: { type: 'string', default: '200' },
    workers: { type: 'string', default: '0,2' },
    rounds: { type: 'string', default: '1' },
    dir: { type: 'string', default: '/tmp/edgarkit-bench-feed' },
  },
});
const count = Number(options.filings);
const dir = options.dir;
const archive = join(dir, '20250103.nc.tar.gz');

/** Writes the archive; returns the bytes of its members. */
async function writeFeed(): Promise<number> {
  const folder = join(sharedRoot, 'corpus', 'nc');
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.nc'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(folder, name));
      const accession = /<ACCESSION-NUMBER>\s*(\d{10}-\d{2}-\d{6})/.exec(bytes.subarray(0, 8192).toString('latin1'))?.[1];
      if (!accession) throw new Error(`${name} has no <ACCESSION-NUMBER>`);
      return { text: bytes.toString('latin1'), accession };
    });
  const pack = tarStream.pack();
  const writing = pipeline(pack, createGzip({ level: 6 }), createWriteStream(archive));
  let bytes = 0;
  for (let index = 0; index < count; index++) {
    const fileIndex = index % files.length;
    const { text, accession } = files[fileIndex] as { text: string; accession: string };
    const next = syntheticAccession(Math.floor(index / files.length), fileIndex);
    const member = Buffer.from(
      text.replaceAll(accession, next).replaceAll(accession.replaceAll('-', ''), next.replaceAll('-', '')),
      'latin1',
    );
    bytes += member.length;
    await new Promise<void>((ok, fail) =>
      pack.entry({ name: `${next.replaceAll('-', '')}.nc` }, member, (error) => (error ? fail(error) : ok())),
    );
  }
  pack.finalize();
  await writing;
  return bytes;
}

/** gunzip to nowhere: wall seconds, and CPU seconds when /usr/bin/time can tell them. */
function gunzip(): Promise<{ seconds: number; cpuSeconds: number }> {
  const timed = existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : 'gunzip';
  const args = timed ? ['-f', 'cpu %U %S', 'gunzip', '-c', archive] : ['-c', archive];
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`gunzip exited ${code}: ${stderr}`));
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(stderr);
      done({ seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN });
    });
  });
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const memberBytes = await writeFeed();
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('bin/edgarkit.js runs dist/: run `npm run build` first');
console.log(
  `${archive}: ${count} dissemination files, ${(memberBytes / 1e6).toFixed(1)} MB unpacked, ${(statSync(archive).size / 1e6).toFixed(1)} MB on disk`,
);
const mbps = (seconds: number) => memberBytes / 1e6 / seconds;
for (let round = 1; round <= Number(options.rounds); round++) {
  const unzip = await gunzip();
  console.log(
    `round ${round}: gunzip ${mbps(unzip.seconds).toFixed(1)} MB/s (${unzip.seconds.toFixed(2)} s, CPU ${unzip.cpuSeconds.toFixed(2)} s)`,
  );
  for (const workers of options.workers.split(',').map(Number)) {
    const db = join(dir, `feed-${workers}.db`);
    const child = await runNode([join(root, 'bin', 'edgarkit.js'), 'ingest', archive, '--db', db, '--workers', String(workers)], root);
    const ingested = Number(/(\d+) ingested/.exec(child.stdout)?.[1] ?? Number.NaN);
    if (ingested !== count) throw new Error(`ingest stored ${ingested} of ${count} filings:\n${child.stdout}${child.stderr}`);
    console.log(
      `  ingest --workers ${workers}: ${child.seconds.toFixed(1)} s, ${(count / child.seconds).toFixed(0)} filings/s, ${mbps(child.seconds).toFixed(1)} MB/s of submissions, ` +
        `peak RSS ${child.peakRssMb.toFixed(0)} MB, CPU ${child.cpuSeconds.toFixed(1)} s; ${(mbps(child.seconds) / mbps(unzip.seconds)).toFixed(3)} of gunzip` +
        (Number.isFinite(unzip.cpuSeconds) ? ` (by CPU time ${(unzip.cpuSeconds / child.cpuSeconds).toFixed(3)})` : ''),
    );
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  }
}
rmSync(dir, { recursive: true, force: true });
