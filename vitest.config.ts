import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Suites share one PostgreSQL database and one Chromium; running files in parallel on a
    // two-core machine mostly adds contention, so files run one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    // One fast-check seed for every property test (FC_SEED chooses another).
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    hookTimeout: 120_000,
  },
});
