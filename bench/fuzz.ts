/**
 * Fuzz harness (a script, not a timed test): mutated corpus submissions and generated hostile inputs (deep
 * nesting, no LF, huge lines, long runs of spaces, many documents, unclosed markup) through parse, every
 * document to the model, render (text, Markdown, HTML, JSON) and extract. Reports the slowest cases and every
 * input under 1 MB that took more than 1 s (the limit: linear time everywhere), and any exception.
 *
 * Each case is timed twice: wall time and the process's CPU time (`process.cpuUsage()`, user + system, which also
 * counts the garbage collector's helper threads). On a shared, loaded machine wall time counts the time other
 * processes held the CPU, so the limit is judged on CPU time; both are reported, and on a quiet machine they agree.
 *
 * Run: npx tsx bench/fuzz.ts [--cases 100000] [--from 0] [--minutes 60] [--seed 1] [--case N --out FILE]
 *   [--only 151,158,686] (those case numbers of the seed only) [--kind body:11 --size 500000] (one shape, one size)
 * (two processes over `--from 0 --cases 50000` and `--from 50000 --cases 50000` share the work).
 * Every case is made from (seed, case number) alone, so `--case N --out FILE` writes that input again.
 */
import { writeFileSync } from 'node:fs';
import { hostileBody, hostileSubmission, makeCase, random, runCase, submissionOf, type Timing } from './fuzz-cases.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const cases = option('cases', 100_000);
const minutes = option('minutes', 60);
const seed = option('seed', 1);
const onlyCase = option('case', -1);
const first = option('from', 0);
const outAt = args.indexOf('--out');
const outFile = outAt === -1 ? null : (args[outAt + 1] ?? null);
const onlyAt = args.indexOf('--only');
const only = onlyAt === -1 ? null : (args[onlyAt + 1] ?? '').split(',').filter(Boolean).map(Number);
const LIMIT_MS = 1000;
const SMALL = 1_000_000;

/** CPU milliseconds (user + system) of this process since `from`. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

const kindAt = args.indexOf('--kind');
if (kindAt !== -1) {
  // One hostile shape at one size: `--kind body:11 --size 500000` (for finding which shape is slow).
  const [family, number] = (args[kindAt + 1] ?? 'body:0').split(':');
  const size = option('size', 500_000);
  const next = random(seed);
  const bytes =
    family === 'body'
      ? Buffer.from(submissionOf(hostileBody(Number(number), size, next).body, hostileBody(Number(number), size, next).filename), 'latin1')
      : hostileSubmission(Number(number), size, next);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const timing = runCase(bytes);
  console.log(
    `${family}:${number} ${bytes.length} bytes ${(performance.now() - started).toFixed(0)} ms wall, ${cpuSince(cpu).toFixed(0)} ms CPU`,
    timing,
  );
  process.exit(0);
}

if (onlyCase >= 0) {
  const { kind, bytes } = makeCase(seed, onlyCase);
  if (outFile) writeFileSync(outFile, bytes);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const timing = runCase(bytes);
  console.log(
    `case ${onlyCase} (${kind}, ${bytes.length} bytes): ${(performance.now() - started).toFixed(0)} ms wall, ${cpuSince(cpu).toFixed(0)} ms CPU`,
    timing,
  );
  process.exit(0);
}

interface Result {
  index: number;
  kind: string;
  bytes: number;
  ms: number;
  cpuMs: number;
  timing: Timing;
}
const slowest: Result[] = [];
const overLimit: Result[] = [];
let overWall = 0;
const failures: { index: number; kind: string; message: string }[] = [];
const byKind = new Map<string, { count: number; ms: number; most: number; cpuMs: number; mostCpu: number }>();
const deadline = Date.now() + minutes * 60_000;
const began = Date.now();
let ran = 0;
let inputBytes = 0;
const indices = only ?? Array.from({ length: cases }, (_, at) => first + at);
for (const index of indices) {
  if (Date.now() >= deadline) break;
  const { kind, bytes } = makeCase(seed, index);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let timing: Timing | null = null;
  try {
    timing = runCase(bytes);
  } catch (error) {
    failures.push({ index, kind, message: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }
  const ms = performance.now() - started;
  const cpuMs = cpuSince(cpu);
  ran++;
  inputBytes += bytes.length;
  const family = kind.replace(/-bare$/, '');
  const stats = byKind.get(family) ?? { count: 0, ms: 0, most: 0, cpuMs: 0, mostCpu: 0 };
  stats.count++;
  stats.ms += ms;
  stats.most = Math.max(stats.most, ms);
  stats.cpuMs += cpuMs;
  stats.mostCpu = Math.max(stats.mostCpu, cpuMs);
  byKind.set(family, stats);
  if (timing) {
    const result = { index, kind, bytes: bytes.length, ms, cpuMs, timing };
    if (bytes.length < SMALL && ms > LIMIT_MS) overWall++;
    if (bytes.length < SMALL && cpuMs > LIMIT_MS) {
      overLimit.push(result);
      console.log(
        `over the limit: case ${index} ${kind} ${bytes.length} bytes ${cpuMs.toFixed(0)} ms CPU, ${ms.toFixed(0)} ms wall`,
        timing,
      );
    }
    if (bytes.length < SMALL && (slowest.length < 15 || cpuMs > (slowest.at(-1)?.cpuMs ?? 0))) {
      slowest.push(result);
      slowest.sort((a, b) => b.cpuMs - a.cpuMs);
      slowest.length = Math.min(slowest.length, 15);
    }
  }
  if (ran % 5000 === 0) {
    console.log(
      `${ran} cases, ${((Date.now() - began) / 1000).toFixed(0)} s, slowest ${slowest[0]?.cpuMs.toFixed(0)} ms CPU, over ${LIMIT_MS} ms CPU under 1 MB: ${overLimit.length} (wall: ${overWall}), exceptions: ${failures.length}`,
    );
  }
}

const round = (value: number): string => value.toFixed(1);
console.log(`\n${ran} cases (seed ${seed}) in ${((Date.now() - began) / 1000).toFixed(0)} s, ${(inputBytes / 1e6).toFixed(0)} MB of input`);
console.log(
  `limit: no input under 1 MB over ${LIMIT_MS} ms of CPU -> ${overLimit.length} over (over ${LIMIT_MS} ms of wall time: ${overWall}); exceptions: ${failures.length}`,
);
console.log('\nby kind: cases, mean wall ms, slowest wall ms, mean CPU ms, slowest CPU ms');
for (const [kind, stats] of [...byKind].sort())
  console.log(
    `  ${kind.padEnd(24)} ${String(stats.count).padStart(7)} ${round(stats.ms / stats.count).padStart(8)} ${round(stats.most).padStart(8)} ${round(stats.cpuMs / stats.count).padStart(8)} ${round(stats.mostCpu).padStart(8)}`,
  );
console.log('\nslowest cases under 1 MB by CPU time (re-make one with --case N --out FILE; wall times are per stage):');
for (const result of slowest) {
  const { parse, model, render, extract } = result.timing;
  console.log(
    `  case ${result.index} ${result.kind} ${result.bytes} bytes: ${round(result.cpuMs)} ms CPU, ${round(result.ms)} ms wall (parse ${round(parse)}, model ${round(model)}, render ${round(render)}, extract ${round(extract)})`,
  );
}
for (const failure of failures.slice(0, 20)) console.log(`exception in case ${failure.index} (${failure.kind}): ${failure.message}`);
process.exitCode = overLimit.length > 0 || failures.length > 0 ? 1 : 0;
