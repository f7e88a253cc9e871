// Mutation testing: `npm run mutation` (all groups) or `npm run mutation -- --mutate 'src/config/**/*.ts'`
// for one group. Not part of .ci/run: a full run takes tens of minutes on 2 cores.
// Incremental: results are kept in reports/stryker-incremental.json (not in git, see docs/mutation.md),
// so a re-run after a small change only tests the mutants in changed code or covered by changed tests.
// MUTATION_GROUP names a run's files (reports/mutation/<group>.html, its own incremental file and
// sandbox), so two groups never overwrite each other's results.
const group = process.env.MUTATION_GROUP || 'all';

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
  incrementalFile: `reports/stryker-incremental-${group}.json`,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${group}.html` },
  jsonReporter: { fileName: `reports/mutation/${group}.json` },
  // 2 shared cores: one test runner and one checker at a time.
  concurrency: 1,
  // A mutant that loops forever costs this much plus a test-runner restart: keep it short.
  timeoutMS: 5000,
  thresholds: { high: 90, low: 85, break: null },
  // lab/ stays: unit-test helpers import its fixtures (lab/installer.mjs).
  ignorePatterns: ['dist', 'bench', '.lab', '.bench', 'reports', 'examples', '.stryker-tmp'],
  tempDirName: `.stryker-tmp/${group}`,
  cleanTempDir: 'always',
};
