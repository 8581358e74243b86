import { describe, expect, it } from 'vitest';
import { expectLinear, LINEAR_RATIO, scalingRatio } from './scaling.js';

/**
 * The scaling helpers sample longer on a disturbed machine; they must still pass linear work and fail quadratic
 * work, however long they sample. The work is arithmetic only, so no heap growth enters the times.
 */
function linearWork(n: number): number {
  let sum = 0;
  for (let i = 0; i < n * 2000; i++) sum = (sum + i * 7) % 1_000_003;
  return sum;
}

function quadraticWork(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum = (sum + i * j) % 1_000_003;
  return sum;
}

describe('the scaling helpers', () => {
  it('pass linear work and fail quadratic work, by wall time at 4× the input', () => {
    expect(scalingRatio((n) => n, linearWork, 10_000, 3).ratio).toBeLessThan(LINEAR_RATIO);
    expect(scalingRatio((n) => n, quadraticWork, 1_000, 3).ratio).toBeGreaterThan(LINEAR_RATIO);
  });

  it('pass linear work and fail quadratic work, by CPU time at 2× the input', () => {
    // Large enough that the quadratic run at n takes well over the 20 ms floor for timer noise (36 M steps).
    expectLinear((n) => () => linearWork(n), 20_000);
    expect(() => expectLinear((n) => () => quadraticWork(n), 6_000)).toThrow(/grows faster than linearly/);
  });
});
