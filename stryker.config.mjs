/**
 * Mutation testing of the logic layers (`npm run mutation`, not part of `npm test`): StrykerJS
 * changes one operator, condition or literal at a time in the gateway adapter and the stores and
 * runs the unit tests that cover it; a change that no test notices is a survivor.
 * docs/MUTATION.md has the last score, how to run a part of it, and the survivors kept on purpose.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vite.config.ts', related: true },
  mutate: ['src/lib/gateway/**/*.ts', 'src/lib/stores/**/*.ts', '!src/lib/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  // Two cores on the machines this runs on; each worker is one vitest process.
  concurrency: 2,
  // Only mutants in changed code or covered by changed tests run again; the rest are read back
  // from the last run's results (git-ignored, under reports/).
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false },
  // What the tests never read: the gateway install, builds, screenshots and e2e output.
  ignorePatterns: [
    '/.openclaw',
    '/.runtime',
    '/dist',
    '/docs',
    '/bench',
    '/test-results',
    '/playwright-report',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 80, low: 60, break: null },
};
