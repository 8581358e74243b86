import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Timeouts catch hangs, and are about four times what the work takes on a quiet machine: CI shares its machine,
    // which has been seen to run everything eight times slower for hours.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    setupFiles: ['test/fast-check-setup.ts'],
  },
});
