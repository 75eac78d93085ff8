import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Vitest's default (CPUs − 1) runs one file at a time on a 2-CPU machine, leaving a CPU idle: the tests are CPU-bound
// in their own process (PGlite), the main process waits.
const unitWorkers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: '@kitajs/html' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
          // One migrated template database per run; each test app starts from a copy (src/test-support/migrated-template.ts).
          globalSetup: ['src/test-support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: unitWorkers,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
