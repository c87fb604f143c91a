import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: integration files share one DynamoDB Local, each with its own table.
    maxWorkers: 2,
    reporters: ['default'],
    coverage: {
      enabled: true,
      provider: 'v8',
      // The code that runs in the Lambdas and behind `npm start`'s pages; the local stand-ins and the CDK
      // app are exercised by their own tests but are not product code.
      include: ['functions/**/*.{ts,tsx}', 'web/**/*.{ts,tsx}'],
      exclude: ['functions/local/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // A floor one point under the last measured level (93.5 / 92.9 / 88.6 / 81.8 before issue 10-12's merges
      // of 2 December, whose figures were not measured before this was set): a change that leaves code untested
      // fails the run. Raise it to the measured level rounded down (the session note gives the figures).
      thresholds: { lines: 92, statements: 91, functions: 87, branches: 80 },
    },
  },
});
