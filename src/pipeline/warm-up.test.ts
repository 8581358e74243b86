import { describe, expect, it } from 'vitest';
import { warmUpRenders } from './warm-up.js';

describe('warmUpRenders', () => {
  it('renders both sample documents in both formats each round (a sample that stopped parsing would warm nothing)', () => {
    expect(warmUpRenders(1)).toBe(4);
    expect(warmUpRenders(3)).toBe(12);
  });
});
