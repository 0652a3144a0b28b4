import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: on a loaded CI machine tests have run up to six times slower than alone.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most tests wait on real peers and real clocks rather than compute: run several at once.
    maxWorkers: 4,
  },
});
