/**
 * Container reading as a share of the byte-scan limit, each way measured in a fresh process (no warm-up: the JIT
 * starts cold, as it does for a command) beside a `Buffer.indexOf` scan of the same bytes in that same process:
 *
 * - `lazy`: `parseSubmission` of each submission held in memory (typed header + document ranges; bodies are views);
 * - `eager`: the same, then every body decoded (text as Unicode, uuencoded attachments to their bytes);
 * - `tar-lazy`: `readSubmissions` of a .tar of the same submissions, parsed member by member, against a scan of
 *   the tar file read in the same chunks;
 * - `jsonl`: `edgarkit parse <tar> --jsonl > /dev/null` end to end (the built CLI), against the same scan of the
 *   tar run in a process of its own just before.
 *
 * The scan finds every `<DOCUMENT>` and `</DOCUMENT>` with `Buffer.indexOf`: the least a reader that splits
 * documents must do. Inputs: the corpus submissions repeated to `--mb` megabytes.
 * Run: npx tsx bench/container-ratio.ts [--mb 200] [--rounds 1] [--modes lazy,eager,tar-lazy,jsonl]
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import tarStream from 'tar-stream';
import { readSubmissions } from '../src/io/read-submissions.js';
import { decodeAttachment, decodeDocumentText, parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { corpusSubmissions } from './corpus.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const here = fileURLToPath(import.meta.url);
const OPEN = Buffer.from('<DOCUMENT>');
const CLOSE = Buffer.from('</DOCUMENT>');

/** The corpus submissions, each a fresh copy, repeated until they hold `bytes`. */
function inputsOf(bytes: number): Buffer[] {
  const corpus = corpusSubmissions();
  const inputs: Buffer[] = [];
  let total = 0;
  while (total < bytes) {
    for (const { bytes: submission } of corpus) {
      inputs.push(Buffer.from(submission));
      total += submission.length;
    }
  }
  return inputs;
}

/** Documents found by the scan: every `<DOCUMENT>` and the `</DOCUMENT>` after it. */
function scan(bytes: Buffer): number {
  let documents = 0;
  for (let at = bytes.indexOf(OPEN); at !== -1; at = bytes.indexOf(OPEN, at)) {
    const end = bytes.indexOf(CLOSE, at + OPEN.length);
    documents++;
    if (end === -1) break;
    at = end + CLOSE.length;
  }
  return documents;
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** CPU seconds of this process (every thread) since `from`: on a shared machine, the cost where wall time is not. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

/** What a child measures and prints as one JSON line: the mode's seconds and the scan's over the same bytes. */
async function child(mode: string, megabytes: number, tar: string): Promise<void> {
  if (mode === 'scan-tar') {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let bytes = 0;
    let documents = 0;
    let carry: Buffer = Buffer.alloc(0);
    for await (const chunk of createReadStream(tar, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      // Markers split across two chunks are found: the tail of the last chunk goes in front of the next.
      const joined = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      documents += scan(joined);
      carry = joined.subarray(Math.max(0, joined.length - CLOSE.length));
      bytes += chunk.length;
    }
    console.log(JSON.stringify({ mode, bytes, documents, seconds: seconds(started), cpu: cpuSeconds(cpu) }));
    return;
  }
  if (mode === 'tar-lazy') {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let documents = 0;
    for await (const entry of readSubmissions(tar)) if (entry.ok) documents += entry.submission.documents.length;
    console.log(JSON.stringify({ mode, bytes: statSync(tar).size, documents, seconds: seconds(started), cpu: cpuSeconds(cpu) }));
    return;
  }
  const inputs = inputsOf(megabytes * 1e6);
  const bytes = inputs.reduce((sum, input) => sum + input.length, 0);
  // The garbage of making the inputs is collected before either phase, not charged to whichever runs first.
  (globalThis as { gc?: () => void }).gc?.();
  let started = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  let scanned = 0;
  for (const input of inputs) scanned += scan(input);
  const scanSeconds = seconds(started);
  const scanCpu = cpuSeconds(cpu);
  (globalThis as { gc?: () => void }).gc?.();
  started = process.hrtime.bigint();
  cpu = process.cpuUsage();
  let documents = 0;
  for (const input of inputs) {
    const submission = parseSubmission(input);
    documents += submission.documents.length;
    if (mode !== 'eager') continue;
    for (const document of submission.documents) {
      if (document.encoding === 'uuencode') decodeAttachment(document);
      else decodeDocumentText(document);
    }
  }
  const parseSeconds = seconds(started);
  console.log(JSON.stringify({ mode, bytes, documents, scanned, seconds: parseSeconds, cpu: cpuSeconds(cpu), scanSeconds, scanCpu }));
}

interface Measured {
  readonly bytes: number;
  readonly documents: number;
  readonly seconds: number;
  readonly cpu: number;
  readonly scanSeconds?: number;
  readonly scanCpu?: number;
}

function run(args: readonly string[], stdout: 'pipe' | 'ignore' = 'pipe'): Promise<{ seconds: number; out: string }> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const process_ = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', stdout, 'pipe'] });
    let out = '';
    let err = '';
    process_.stdout?.on('data', (chunk) => (out += String(chunk)));
    process_.stderr?.on('data', (chunk) => (err += String(chunk)));
    process_.on('error', fail);
    process_.on('close', (code) =>
      code === 0 ? done({ seconds: seconds(started), out }) : fail(new Error(`${args.join(' ')} exited ${code}:\n${err}`)),
    );
  });
}

async function writeTar(path: string, megabytes: number): Promise<number> {
  const pack = tarStream.pack();
  const writing = pipeline(pack, createWriteStream(path));
  let members = 0;
  for (const input of inputsOf(megabytes * 1e6)) {
    await new Promise<void>((ok, fail) => pack.entry({ name: `${members++}.txt` }, input, (error) => (error ? fail(error) : ok())));
  }
  pack.finalize();
  await writing;
  return members;
}

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    mb: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '1' },
    modes: { type: 'string', default: 'lazy,eager,tar-lazy,jsonl' },
    tar: { type: 'string', default: '/tmp/edgarkit-bench-container/submissions.tar' },
  },
});
const megabytes = Number(values.mb);
if (values.child) await child(values.child, megabytes, values.tar);
else {
  const modes = values.modes.split(',');
  const needsTar = modes.includes('tar-lazy') || modes.includes('jsonl');
  if (needsTar) {
    mkdirSync(dirname(values.tar), { recursive: true });
    const members = await writeTar(values.tar, megabytes);
    console.log(`${values.tar}: ${members} submissions, ${(statSync(values.tar).size / 1e6).toFixed(1)} MB`);
  }
  const self = ['--expose-gc', '--import', 'tsx', here, '--mb', String(megabytes), '--tar', values.tar];
  const measure = async (mode: string): Promise<Measured> =>
    JSON.parse((await run([...self, '--child', mode])).out.trim().split('\n').pop() as string);
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const mode of modes) {
      if (mode === 'lazy' || mode === 'eager') {
        const measured = await measure(mode);
        const rate = measured.bytes / 1e6 / measured.seconds;
        const limit = measured.bytes / 1e6 / (measured.scanSeconds as number);
        console.log(
          `round ${round} ${mode}: ${(measured.bytes / 1e6).toFixed(0)} MB, ${measured.documents} documents, ${rate.toFixed(0)} MB/s; scan ${limit.toFixed(0)} MB/s; ratio ${(rate / limit).toFixed(2)} (by CPU time ${((measured.scanCpu as number) / measured.cpu).toFixed(2)})`,
        );
        continue;
      }
      const scanned = await measure('scan-tar');
      const limit = scanned.bytes / 1e6 / scanned.seconds;
      let rate: number;
      let cpuRatio = '';
      if (mode === 'tar-lazy') {
        const measured = await measure('tar-lazy');
        rate = measured.bytes / 1e6 / measured.seconds;
        cpuRatio = ` (by CPU time ${(scanned.cpu / measured.cpu).toFixed(2)})`;
      } else {
        // The whole command, process start included, its output thrown away.
        const { seconds: wall } = await run([join(root, 'bin', 'edgarkit.js'), 'parse', values.tar, '--jsonl'], 'ignore');
        rate = scanned.bytes / 1e6 / wall;
      }
      console.log(
        `round ${round} ${mode}: ${(scanned.bytes / 1e6).toFixed(0)} MB tar, ${rate.toFixed(0)} MB/s; scan of the tar file ${limit.toFixed(0)} MB/s; ratio ${(rate / limit).toFixed(2)}${cpuRatio}`,
      );
    }
  }
  if (needsTar) rmSync(dirname(values.tar), { recursive: true, force: true });
}
