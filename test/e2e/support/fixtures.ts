/**
 * The shared fixture: one `serve` of the example plan per worker (workers: 1,
 * so one for the run unless a failure restarts the worker), plus page helpers.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { copyExamplePlan, removeDir, startCockpit, type Cockpit } from './cockpit-server';

export { expect };

export const test = base.extend<{ consoleErrors: string[] }, { cockpit: Cockpit }>({
  cockpit: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const { dir, planPath } = copyExamplePlan();
      const cockpit = await startCockpit(dir, planPath);
      try {
        await use(cockpit);
      } finally {
        await cockpit.stop();
        removeDir(dir);
      }
    },
    { scope: 'worker' },
  ],
  /** Errors the page logged; tests that care assert it stays empty. */
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(errors);
  },
});

/** Opens the cockpit at a route (`#/history`, ...) and waits for the host connection. */
export async function openCockpit(page: Page, cockpit: Cockpit, hash = '#/board'): Promise<void> {
  await page.goto(`${cockpit.url}${hash}`);
  await expect(page.locator('[data-connection="online"]')).toBeVisible();
}

export function gateRow(page: Page, gateId: string): Locator {
  return page.locator(`tr.gate-row[data-gate="${gateId}"]`);
}

/** The terminal's visible rows (xterm's DOM renderer), one line each. */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const rows = document.querySelectorAll('.xterm-rows > div');
    return [...rows].map((r) => r.textContent ?? '').join('\n');
  });
}

/** Runs a gate from the board and waits for its run view. Returns the run id from the URL. */
export async function runFromBoard(page: Page, gateId: string): Promise<number> {
  await page.locator('.sidebar [data-nav="board"]').click();
  await gateRow(page, gateId).locator('[data-action="run"]').click();
  await expect(page).toHaveURL(new RegExp(`#/gate/${gateId}/run/\\d+$`));
  return Number(/run\/(\d+)$/.exec(page.url())![1]);
}

/** The status shown in the run view's header. */
export function runStatus(page: Page): Locator {
  return page.locator('.run-head .pill');
}

/** Runs a gate and waits until it has passed (for gates others depend on). */
export async function runUntilPassed(page: Page, gateId: string, timeout = 30_000): Promise<void> {
  await runFromBoard(page, gateId);
  await expect(runStatus(page)).toHaveAttribute('data-status', 'passed', { timeout });
}
