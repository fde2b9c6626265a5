/** Running gates from the board: live output, a pass, a failure with its exit code. */
import { readFile } from 'node:fs/promises';
import { expect, gateRow, openCockpit, runFromBoard, runStatus, terminalText, test } from './support/fixtures';

test('runs a passing gate: its output appears in the terminal and it turns passed', async ({ page, cockpit, consoleErrors }) => {
  await openCockpit(page, cockpit);
  await expect(gateRow(page, 'build-info')).toBeVisible();
  await runFromBoard(page, 'build-info');

  await expect.poll(() => terminalText(page)).toContain('Collecting build information...');
  await expect.poll(() => terminalText(page)).toContain('build info recorded');
  await expect(runStatus(page)).toHaveAttribute('data-status', 'passed');
  await expect(runStatus(page)).toHaveText('Passed');
  await expect(page.locator('tr[data-attempt="1"] [data-testid="exit-code"]')).toHaveText('0');

  await page.keyboard.press('Escape');
  await expect(page.locator('main[data-route="board"]')).toBeVisible();
  const row = gateRow(page, 'build-info');
  await expect(row).toHaveAttribute('data-status', 'passed');
  await expect(row.locator('.pill')).toHaveText('Passed');
  await expect(page.getByTestId('readiness')).toContainText(/[1-9] of 6 gates passed/);
  expect(consoleErrors).toEqual([]);
});

test('runs the failing gate: it turns failed and shows its exit code', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await runFromBoard(page, 'license-audit');

  await expect(runStatus(page)).toHaveAttribute('data-status', 'failed');
  await expect(runStatus(page)).toHaveText('Failed');
  await expect(page.locator('tr[data-attempt="1"] [data-testid="exit-code"]')).toHaveText('3');
  await expect(page.getByTestId('run-reason')).toContainText('3');
  await expect.poll(() => terminalText(page)).toContain('not allowed by policy');

  // Search the output from the keyboard, then save the stored log.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search the output')).toBeFocused();
  await page.keyboard.type('AGPL');
  await page.keyboard.press('Enter');
  await expect(page.locator('.search-count')).toHaveText('1 of 1');
  await page.keyboard.press('Escape');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the complete log' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^license-audit-run-\d+\.log$/);
  const saved = await readFile((await download.path())!, 'utf8');
  expect(saved).toContain('copyleft-lib  AGPL-3.0');
  expect(saved).toContain('1 dependency has a licence the policy forbids');

  await page.locator('.sidebar [data-nav="board"]').click();
  await expect(gateRow(page, 'license-audit')).toHaveAttribute('data-status', 'failed');
  // The gate that needs it cannot pass now, and the board says why.
  await expect(gateRow(page, 'release-notes').locator('.detail')).toContainText('license-audit');
});
