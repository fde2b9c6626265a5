// The Electron smoke test. `npm test` runs it, and it skips itself where there
// is no Electron binary (our offline build machines). The release workflow
// runs it on Windows, macOS and Linux runners against the packaged app
// (COCKPIT_APP_EXECUTABLE):  npx playwright test -c test/electron/playwright.config.ts
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: '../../test-results/electron-junit.xml' }]] : 'list',
  outputDir: '../../test-results/electron',
});
