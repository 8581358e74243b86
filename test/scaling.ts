import { expect } from 'vitest';

/**
 * CPU time of one call, in milliseconds (`process.cpuUsage`, user and system): other work on a shared machine
 * delays a run's wall time far more than it adds to its CPU time. Tests run in forked processes, one file each.
 */
function cpuMs(run: () => unknown): number {
  const from = process.cpuUsage();
  run();
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

/**
 * How long a scaling measurement may keep sampling once its first `tries` pairs of runs failed to show linear growth.
 * On a machine shared with other work a run can take ten times its usual time, and for seconds at a stretch; the least
 * time of many runs still converges on the undisturbed one, which a quadratic path never brings under the limit.
 */
const SAMPLING_BUDGET_MS = 40_000;
/** The most pairs of runs one measurement takes, however quick they are. */
const MOST_PAIRS = 60;

/**
 * Times of `run` on `small` and `large`, taken in alternation (a disturbance lasting seconds then falls on both)
 * and each the least seen (other work only ever adds time), until `passes` accepts the two after at least `tries`
 * pairs, or the budget is spent.
 */
function leastTimes<T>(
  run: (input: T) => unknown,
  small: T,
  large: T,
  tries: number,
  timeOf: (run: () => unknown) => number,
  passes: (small: number, large: number) => boolean,
): { small: number; large: number; pairs: number } {
  let smallTime = Number.POSITIVE_INFINITY;
  let largeTime = Number.POSITIVE_INFINITY;
  const started = performance.now();
  let pair = 1;
  for (; pair <= MOST_PAIRS; pair++) {
    smallTime = Math.min(
      smallTime,
      timeOf(() => run(small)),
    );
    largeTime = Math.min(
      largeTime,
      timeOf(() => run(large)),
    );
    if (pair < tries) continue;
    if (passes(smallTime, largeTime) || performance.now() - started > SAMPLING_BUDGET_MS) break;
  }
  return { small: smallTime, large: largeTime, pairs: Math.min(pair, MOST_PAIRS) };
}

function wallMs(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** The ratio a linear path must stay under: 4× the input, with room for noise on a shared 2-core machine. */
export const LINEAR_RATIO = 9;

/**
 * Time of `run` on inputs of size n and 4n, each the least of at least `tries` runs, sampled further while the ratio
 * is over `LINEAR_RATIO` (see `leastTimes`). Linear code gives a ratio near 4, quadratic code near 16: tests allow a
 * generous margin between. Wall time here: process CPU time counts the garbage collector's helper threads, whose
 * share grows with the heap.
 */
export function scalingRatio<T>(
  make: (n: number) => T,
  run: (input: T) => unknown,
  n: number,
  tries = 5,
): { small: number; large: number; ratio: number } {
  const small = make(n);
  const large = make(4 * n);
  // Warm the JIT, and grow the heap to the large input's size before anything is timed.
  run(small);
  run(large);
  const floor = (time: number): number => Math.max(time, 0.5);
  const times = leastTimes(run, small, large, tries, wallMs, (a, b) => b / floor(a) < LINEAR_RATIO);
  return { small: floor(times.small), large: times.large, ratio: times.large / floor(times.small) };
}

/**
 * Fails unless CPU time for input of size 2n stays under 3× that of size n (linear work about doubles, quadratic
 * work quadruples), with a floor for timer noise on small times; a disturbed measurement is sampled further (see
 * `leastTimes`), which a quadratic path fails however long it is sampled.
 */
export function expectLinear(make: (n: number) => () => void, n: number): void {
  const small = make(n);
  const large = make(2 * n);
  small();
  large();
  const passes = (a: number, b: number): boolean => b < 3 * Math.max(a, 20);
  const times = leastTimes((run: () => void) => run(), small, large, 3, cpuMs, passes);
  if (passes(times.small, times.large)) return;
  expect.fail(
    `CPU time grows faster than linearly (n=${n}): n: ${times.small.toFixed(1)} ms, 2n: ${times.large.toFixed(1)} ms, the least of each of ${times.pairs} alternating runs`,
  );
}
