import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname), 'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js') } },
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Migrates once per run: a PGlite dump and a PostgreSQL template that the suites' databases copy.
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Two files at a time on 2 cores: every suite owns its databases (a PGlite copy, a PostgreSQL
    // database of its own) and its temporary folders, so files share no state. Measured on a
    // subset of 10 database-heavy files: 2 workers took 0.77 of the wall time of 1.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
