import { defineConfig } from 'vitest/config';

// Lab tests start a real PowerShell engine (1-3 s each, many times that on a busy shared machine).
// No test may pass or fail by timing, so the one bound on a test (no per-file overrides) is there
// only to end a hang: ten minutes, far beyond any test's run even at a load of 30 on 2 cores.
//
// Speed on 2 cores: a lab test spends most of its time waiting for child processes (node running a
// bundle, PowerShell starting), so three files run at once, and suites marked concurrent
// (describeWithPwsh(..., { concurrent: true })) overlap up to three of their tests. No test depends
// on timing, so the order and overlap do not change any result.
//
// Test files share their worker process (isolate: false): a fresh process per file cost ~0.4 s of
// CPU each, and a lab file's first set-up command started its own set-up engine (lab/setup-engine.mjs)
// where a shared worker reuses one. Only the files that replace a module (vi.mock) get a process of
// their own, so the replacement reaches every importer and leaks into no other file.
const OWN_PROCESS = ['__tests__/config-lock-races.unit.test.ts', '__tests__/config-write-faults.unit.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 3,
    fileParallelism: true,
    maxConcurrency: 3,
    projects: [
      { extends: true, test: { name: 'shared', include: ['__tests__/**/*.test.ts'], exclude: OWN_PROCESS, isolate: false } },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS } },
    ],
  },
});
