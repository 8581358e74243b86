/**
 * `edgarkit ingest` as a share of what the full-text index allows, measured in the same run: each round runs the
 * raw FTS5 script (bench/raw-fts5.ts, one table and the schema's two), then the built CLI (`bin/edgarkit.js`,
 * run `npm run build` first) once per worker count, each in its own process on a fresh database, so a slow spell
 * of the shared machine falls on the limit and on ingest alike. Inputs: the filing set (test/filing-set.ts, corpus
 * submissions repeated under new accession numbers) as a folder of files and, with `--archive`, as one .tar.gz.
 *
 * Prints per run: seconds, filings/s, MB/s of indexed text, MB/s of submissions, peak RSS of the process (threads
 * included), CPU seconds of every thread and of the main thread alone (per 1,000 filings: with worker threads, the
 * main thread's share is what bounds scaling with cores, and it holds on a busy machine where wall time does not),
 * the ratio of its text rate to the same round's raw FTS5 rates, and the load average at its start and end.
 * With `--code DIR,DIR`, each round runs each of those checkouts' built CLI (e.g. an older commit unpacked with
 * `git archive` and built) beside this one's, in turn.
 * Run: npx tsx bench/ingest-ratio.ts [--filings 3000] [--workers 0,2] [--rounds 1] [--archive] [--code DIR,…] [--dir /tmp/…]
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import tarStream from 'tar-stream';
import { writeFilingSet } from '../test/filing-set.js';
import { runNode } from './child-run.js';
import { folderBytes } from './corpus.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    filings: { type: 'string', default: '3000' },
    workers: { type: 'string', default: '0,2' },
    rounds: { type: 'string', default: '1' },
    archive: { type: 'boolean', default: false },
    code: { type: 'string', default: root },
    dir: { type: 'string', default: '/tmp/edgarkit-bench-ratio' },
  },
});
const count = Number(options.filings);
const workerCounts = options.workers.split(',').map(Number);
const checkouts = options.code.split(',').map((path) => resolve(path));
const dir = options.dir;
const inputs = join(dir, 'filings');
const archive = join(dir, 'filings.tar.gz');

const run = (args: readonly string[]) => runNode(args, root);

async function writeArchive(): Promise<void> {
  const pack = tarStream.pack();
  const writing = pipeline(pack, createGzip({ level: 6 }), createWriteStream(archive));
  for (const folder of readdirSync(inputs).sort()) {
    for (const name of readdirSync(join(inputs, folder)).sort()) {
      const bytes = readFileSync(join(inputs, folder, name));
      await new Promise<void>((ok, fail) => pack.entry({ name: `${folder}/${name}` }, bytes, (error) => (error ? fail(error) : ok())));
    }
  }
  pack.finalize();
  await writing;
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
writeFilingSet(inputs, count);
if (options.archive) await writeArchive();
const submissionBytes = folderBytes(inputs);
for (const code of checkouts) {
  if (!existsSync(join(code, 'dist', 'cli', 'main.js')))
    throw new Error(`${code}/bin/edgarkit.js runs dist/: run \`npm run build\` there first`);
}
console.log(`${count} filings, ${(submissionBytes / 1e6).toFixed(1)} MB of submissions; rounds ${options.rounds}`);

const mb = (bytes: number, seconds: number) => bytes / 1e6 / seconds;
/** The one-minute load average, printed beside each run: on a shared machine it says what the wall times are worth. */
const load = () => loadavg()[0]?.toFixed(2) ?? '?';
for (let round = 1; round <= Number(options.rounds); round++) {
  const raw: Record<string, { seconds: number; cpuSeconds: number; textBytes: number; textMBps: number }> = {};
  const rawLoad = load();
  for (const tables of ['one', 'schema']) {
    const child = await run([
      '--import',
      'tsx',
      'bench/raw-fts5.ts',
      '--filings',
      String(count),
      '--tables',
      tables,
      '--db',
      join(dir, 'raw.db'),
    ]);
    raw[tables] = JSON.parse(child.stdout.trim().split('\n').pop() as string);
  }
  const one = raw.one as { textBytes: number; textMBps: number; seconds: number; cpuSeconds: number };
  const schema = raw.schema as { textMBps: number; seconds: number; cpuSeconds: number };
  const textBytes = one.textBytes;
  console.log(
    `round ${round} (load ${rawLoad} → ${load()}): raw FTS5 ${(textBytes / 1e6).toFixed(1)} MB of text: one table ${one.textMBps.toFixed(2)} MB/s (${one.seconds.toFixed(1)} s, CPU ${one.cpuSeconds.toFixed(1)} s), schema's two tables ${schema.textMBps.toFixed(2)} MB/s (${schema.seconds.toFixed(1)} s, CPU ${schema.cpuSeconds.toFixed(1)} s)`,
  );
  const sources: [string, string][] = [['folder', inputs]];
  if (options.archive) sources.push(['tar.gz', archive]);
  for (const code of checkouts) {
    if (checkouts.length > 1) console.log(`  ${code}:`);
    for (const [label, source] of sources) {
      // Scaling is read against the same input's `--workers 0` run: a .tar.gz against the folder would mix in gunzip.
      let oneCore = Number.NaN;
      for (const workers of workerCounts) {
        const db = join(dir, `ingest-${workers}.db`);
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
        const loadBefore = load();
        const child = await run([join(code, 'bin', 'edgarkit.js'), 'ingest', source, '--db', db, '--workers', String(workers)]);
        const ingested = Number(/(\d+) ingested/.exec(child.stdout)?.[1] ?? Number.NaN);
        if (ingested !== count) throw new Error(`ingest stored ${ingested} of ${count} filings:\n${child.stdout}${child.stderr}`);
        const text = mb(textBytes, child.seconds);
        if (workers === 0) oneCore = text;
        const scaling = workers > 0 && Number.isFinite(oneCore) ? `, ${(text / oneCore).toFixed(2)}× --workers 0` : '';
        console.log(
          `  ingest ${label} --workers ${workers}: ${child.seconds.toFixed(1)} s, ${(count / child.seconds).toFixed(0)} filings/s, ` +
            `${text.toFixed(2)} MB/s of text, ${mb(submissionBytes, child.seconds).toFixed(1)} MB/s of submissions, peak RSS ${child.peakRssMb.toFixed(0)} MB, CPU ${child.cpuSeconds.toFixed(1)} s ` +
            `(main thread ${child.mainCpuSeconds.toFixed(1)} s, ${((child.mainCpuSeconds / count) * 1000).toFixed(2)} s per 1,000 filings); ` +
            `${(text / one.textMBps).toFixed(3)} of raw FTS5 (one table), ${(text / schema.textMBps).toFixed(3)} of the schema's two${scaling}; ` +
            `by CPU time ${(one.cpuSeconds / child.cpuSeconds).toFixed(3)} and ${(schema.cpuSeconds / child.cpuSeconds).toFixed(3)}; load ${loadBefore} → ${load()}`,
        );
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
      }
    }
  }
}
rmSync(dir, { recursive: true, force: true });
