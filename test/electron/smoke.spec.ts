import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest, checkoutEnv, ROOT } from './electron-binary';

const target = appUnderTest();

test.skip(
  !target,
  'No Electron binary on this machine: node_modules/electron/dist is missing and cannot be downloaded here. ' +
    'The release workflow runs this smoke test on Windows, macOS and Linux runners, against the packaged app.',
);

test.describe('desktop app smoke', () => {
  let app: ElectronApplication;
  let dataDir: string;

  test.beforeAll(async () => {
    const { executablePath, args, packaged } = target!;
    if (!packaged) expect(existsSync(join(ROOT, 'dist', 'shell', 'main.cjs')), 'run `node build/bundle.mjs` first').toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-electron-'));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), ...(packaged ? {} : await checkoutEnv()), COCKPIT_DATA_DIR: dataDir };
    delete env.ELECTRON_RUN_AS_NODE;
    app = await electron.launch({
      executablePath,
      args: [...args, ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      // A fresh data directory: first start, so the example plan opens.
      env,
    });
  });

  test.afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the example plan, runs a passing gate and shows it green', async () => {
    const page = await app.firstWindow();
    expect(new URL(page.url()).protocol).toBe('app:');
    const row = page.locator('tr[data-gate="build-info"]');
    await expect(row).toBeVisible();
    await expect(page.locator('tr[data-gate="start-stop"]')).toBeVisible();
    await page.getByRole('button', { name: 'Run Build information recorded' }).click();
    // The run view opens; the gate turns green there and on the board.
    await expect(page.locator('[data-status="passed"]').first()).toBeVisible({ timeout: 60_000 });
    await page.locator('[data-nav="board"]').click();
    await expect(row).toHaveAttribute('data-status', 'passed');
    // The page has the bridge and nothing of Node.
    const globals = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      return { cockpit: typeof w.cockpit, require: typeof w.require, process: typeof w.process };
    });
    expect(globals).toEqual({ cockpit: 'object', require: 'undefined', process: 'undefined' });
  });
});
