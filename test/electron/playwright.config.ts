// The Electron smoke test. Not part of `npm test` (no Electron binary on our
// build machines); the release workflow runs it on real Windows, macOS and
// Linux runners:  node build/bundle.mjs && npx playwright test -c test/electron/playwright.config.ts
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
