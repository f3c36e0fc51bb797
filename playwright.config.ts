import { defineConfig } from '@playwright/test';

/**
 * The E2E specs under Playwright's own runner. Every spec launches its own workstations and hospital
 * (e2e/support/world.ts), in Debian's Chromium (never a downloaded browser), one file at a time on a
 * 2-core machine. A failed test keeps its trace; the HTML report is written for CI to keep.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 180_000,
  // A wait for the page, not a timing assertion: a password check or a sync round on a loaded
  // machine can take many seconds.
  expect: { timeout: 30_000 },
  outputDir: 'test-results/e2e',
  reporter: [
    ['list'],
    ['html', { outputFolder: 'test-results/e2e-report', open: 'never' }],
    ['json', { outputFile: 'test-results/e2e-results.json' }],
  ],
  use: { trace: 'retain-on-failure' },
});
