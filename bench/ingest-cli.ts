/**
 * `edgarkit ingest` of the corpus repeated, timed end to end (parse, render, index, write), for one or more
 * checkouts of edgarkit side by side: this tree and, e.g., an older commit unpacked with `git archive`.
 *
 * Run: npx tsx bench/ingest-cli.ts [--filings 2000] [--workers 1] [--code DIR,DIR...] [--repeat 1]
 * The filing set (test/filing-set.ts: corpus submissions under new accession numbers) is written once under --dir;
 * each checkout's own CLI (runCli from its src/cli/main.ts) ingests it into a fresh SQLite database. Prints
 * filings/s, MB/s of submission bytes, and the database's size; with --repeat the checkouts take turns, so a
 * slow spell of a shared machine falls on both. Everything under --dir is removed at the end.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFilingSet } from '../test/filing-set.js';
import { folderBytes } from './corpus.js';

const { values: options } = parseArgs({
  options: {
    filings: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1' },
    code: { type: 'string', default: resolve(dirname(fileURLToPath(import.meta.url)), '..') },
    repeat: { type: 'string', default: '1' },
    dir: { type: 'string', default: '/tmp/edgarkit-bench-ingest-cli' },
  },
});
const count = Number(options.filings);
const roots = options.code.split(',').map((path) => resolve(path));
const root = options.dir;
const inputs = join(root, 'filings');

rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
writeFilingSet(inputs, count);
const rawBytes = folderBytes(inputs);
console.log(`${count} filings, ${(rawBytes / 1e6).toFixed(1)} MB of submissions; ${options.workers} worker(s)`);

const fileSize = (path: string) => (existsSync(path) ? statSync(path).size : 0);

for (let turn = 0; turn < Number(options.repeat); turn++) {
  for (const [index, code] of roots.entries()) {
    const { runCli } = (await import(pathToFileURL(join(code, 'src/cli/main.ts')).href)) as typeof import('../src/cli/main.js');
    const db = join(root, `ingest-${index}-${turn}.db`);
    let stderr = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        stderr += String(chunk);
        done();
      },
    });
    const started = process.hrtime.bigint();
    // Process-wide, parser threads included: on a shared machine the cost, where wall time is the neighbours' too.
    const cpu = process.cpuUsage();
    const exit = await runCli(['ingest', inputs, '--db', db, '--workers', options.workers], {
      stdout: sink,
      stderr: sink,
      stdin: process.stdin,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const bytes = fileSize(db) + fileSize(`${db}-wal`);
    const summary =
      stderr
        .split(/[\r\n]/)
        .filter((line) => /ingested/.test(line))
        .pop() ?? '(no summary line)';
    console.log(
      `${code}: exit ${exit}, ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(1)} filings/s, ${(rawBytes / 1e6 / seconds).toFixed(2)} MB/s, CPU ${cpuSeconds.toFixed(1)} s (${((cpuSeconds / count) * 1000).toFixed(1)} ms a filing, ${(count / cpuSeconds).toFixed(1)} filings and ${(rawBytes / 1e6 / cpuSeconds).toFixed(2)} MB per CPU-second), database ${(bytes / 1e6).toFixed(0)} MB (${((bytes / rawBytes) * 100).toFixed(0)}% of the submissions)\n  ${summary.trim()}`,
    );
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  }
}
rmSync(root, { recursive: true, force: true });
