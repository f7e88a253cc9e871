import { defineConfig } from 'vitest/config';

// The unit tests only: no PowerShell engine, no bundled dist/. Mutation testing (stryker.config.mjs)
// runs these, hundreds of times, so they must stay fast and must not depend on dist/ (which
// Stryker does not rebuild from a mutant).
export const UNIT_TESTS = [
  '__tests__/*.unit.test.ts',
  '__tests__/config.test.ts',
  '__tests__/set-fips.test.ts',
  '__tests__/graph-agents.test.ts',
  '__tests__/inputs.test.ts',
  '__tests__/verify-checks.test.ts',
];

export default defineConfig({
  test: {
    include: UNIT_TESTS,
    testTimeout: 20_000,
  },
});
