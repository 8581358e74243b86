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

/** The least CPU time of a few runs (other work on the machine only ever adds to it). */
function leastCpuMs(run: () => unknown, times: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < times; attempt++) best = Math.min(best, cpuMs(run));
  return best;
}

/**
 * Time of `run` on inputs of size n and 4n, each the best of a few runs (a loaded machine only ever makes a run
 * slower). Linear code gives a ratio near 4, quadratic code near 16: tests allow a generous margin between.
 * Wall time here: process CPU time counts the garbage collector's helper threads, whose share grows with the heap.
 */
export function scalingRatio<T>(
  make: (n: number) => T,
  run: (input: T) => unknown,
  n: number,
  tries = 5,
): { small: number; large: number; ratio: number } {
  const small = make(n);
  const large = make(4 * n);
  run(small); // warm the JIT
  const best = (input: T): number => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < tries; attempt++) {
      const started = performance.now();
      run(input);
      fastest = Math.min(fastest, performance.now() - started);
    }
    return fastest;
  };
  const smallTime = Math.max(best(small), 0.5);
  const largeTime = best(large);
  return { small: smallTime, large: largeTime, ratio: largeTime / smallTime };
}

/** The ratio a linear path must stay under: 4× the input, with room for noise on a shared 2-core machine. */
export const LINEAR_RATIO = 9;

/**
 * Fails unless CPU time for input of size 2n stays under 3× that of size n (linear work about doubles, quadratic
 * work quadruples), with a floor for timer noise on small times; a disturbed measurement is taken again, up to three
 * times, which a quadratic path fails every time.
 */
export function expectLinear(make: (n: number) => () => void, n: number): void {
  const small = make(n);
  const large = make(2 * n);
  small();
  large();
  const tries: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const a = leastCpuMs(small, 3);
    const b = leastCpuMs(large, 3);
    if (b < 3 * Math.max(a, 20)) return;
    tries.push(`n: ${a.toFixed(1)} ms, 2n: ${b.toFixed(1)} ms`);
  }
  expect.fail(`CPU time grows faster than linearly (n=${n}): ${tries.join('; ')}`);
}
