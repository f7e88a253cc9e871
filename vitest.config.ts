import { defineConfig } from 'vitest/config';

// Lab tests start a real PowerShell engine (1-3 s each, more on a busy 2-core machine): the
// defaults of 5 s per test and 10 s per hook are for unit tests, not for these.
//
// Speed on 2 cores: a lab test spends most of its time waiting for child processes (node running a
// bundle, PowerShell starting), so three files run at once, and suites marked concurrent
// (describeWithPwsh(..., { concurrent: true })) overlap up to three of their tests. No test depends
// on timing, so the order and overlap do not change any result.
export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 3,
    fileParallelism: true,
    maxConcurrency: 3,
  },
});
