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
          // A worker runs many files in one module graph (the app is imported once per worker, not once per file):
          // the suite took half the time. Test files must not depend on module state another file left behind.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['src/test-support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          isolate: false,
          // After the unit project (its own worker count needs its own group).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
