/**
 * Product screenshots for docs/screenshots, from a fresh cockpit with real
 * runs: 1440x900, dark theme (and the board in light). Each shot also
 * asserts the state it is meant to show, so a broken page fails here.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { copyExamplePlan, REPO, removeDir, startCockpit, type Cockpit } from './support/cockpit-server';
import { expect, gateRow, openCockpit, runFromBoard, runStatus, runUntilPassed, terminalText, test } from './support/fixtures';

const OUT = join(REPO, 'docs', 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  for (const close of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await close.click();
  await page.mouse.move(0, 899);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(OUT, name) });
}

test.describe('screenshots', () => {
  let cockpit: Cockpit;

  test.beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const { dir, planPath } = copyExamplePlan();
    cockpit = await startCockpit(dir, planPath);
  });

  test.afterAll(async () => {
    await cockpit?.stop();
    if (cockpit) removeDir(cockpit.dir);
  });

  test('board, run view, history, settings', async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openCockpit(page, cockpit);
    await runUntilPassed(page, 'build-info');
    await runUntilPassed(page, 'unit-tests');
    await runFromBoard(page, 'license-audit');
    await expect(runStatus(page)).toHaveAttribute('data-status', 'failed');
    await runUntilPassed(page, 'start-stop', 45_000);
    await runFromBoard(page, 'soak');
    await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/soak:\s+9s\/60s/);
    await expect(page.getByTestId('run-progress')).toBeVisible();
    await shot(page, 'run-view.png');

    await page.locator('.sidebar [data-nav="board"]').click();
    await expect(gateRow(page, 'soak')).toHaveAttribute('data-status', 'running');
    await expect(gateRow(page, 'license-audit')).toHaveAttribute('data-status', 'failed');
    await page.keyboard.press('j');
    await shot(page, 'board.png');

    await page.keyboard.press('t');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await shot(page, 'board-light.png');
    await page.keyboard.press('t');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    await page.locator('.sidebar [data-nav="history"]').click();
    await expect(page.locator('tr.history-row')).toHaveCount(5);
    await shot(page, 'history.png');

    await page.locator('.sidebar [data-nav="settings"]').click();
    await expect(page.locator('main')).toContainText(cockpit.dbPath);
    await shot(page, 'settings.png');

    await page.locator('.sidebar [data-nav="board"]').click();
    await gateRow(page, 'soak').getByRole('button', { name: /Cancel/ }).click();
    await expect(gateRow(page, 'soak')).toHaveAttribute('data-status', 'cancelled');
  });
});
