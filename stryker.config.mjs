// Mutation testing: `npm run mutation` (all groups) or `npm run mutation -- --mutate 'src/config/**/*.ts'`
// for one group. Not part of .ci/run: a full run takes tens of minutes on 2 cores.
// Incremental: results are kept in reports/stryker-incremental.json (not in git, see docs/mutation.md),
// so a re-run after a small change only tests the mutants in changed code or covered by changed tests.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.unit.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'src/config/**/*.ts',
    'src/shared/secrets.ts',
    'src/shared/inputs.ts',
    'src/shared/version.ts',
    'src/steps/*/plan.ts',
    'src/steps/*/settings.ts',
    'src/steps/install-agent/exit-codes.ts',
    'src/steps/install-agent/provenance.ts',
    'src/graph/**/*.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // 2 shared cores: one test runner and one checker at a time.
  concurrency: 1,
  // A mutant that loops forever costs this much plus a test-runner restart: keep it short.
  timeoutMS: 5000,
  thresholds: { high: 90, low: 85, break: null },
  ignorePatterns: ['dist', 'lab', 'bench', '.lab', '.bench', 'reports', 'examples'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
