/**
 * Time of `run` on inputs of size n and 4n, each the best of a few runs (a loaded machine only ever makes a run
 * slower). Linear code gives a ratio near 4, quadratic code near 16: tests allow a generous margin between.
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
