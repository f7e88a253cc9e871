import { defineConfig } from 'vitest/config';

// Lab tests start a real PowerShell engine (1-3 s each, more on a busy 2-core machine): the
// defaults of 5 s per test and 10 s per hook are for unit tests, not for these.
export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
