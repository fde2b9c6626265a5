/** History survives a reload (it comes from the host's store) and can be filtered. */
import { expect, openCockpit, runFromBoard, runStatus, test } from './support/fixtures';

test('history lists past runs, filters them, and is still there after a reload', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  const passedRun = await runFromBoard(page, 'build-info');
  await expect(runStatus(page)).toHaveAttribute('data-status', 'passed');
  const failedRun = await runFromBoard(page, 'license-audit');
  await expect(runStatus(page)).toHaveAttribute('data-status', 'failed');

  await page.keyboard.press('g');
  await page.keyboard.press('h');
  await expect(page.locator('main[data-route="history"]')).toBeVisible();
  const passedRow = page.locator(`tr.history-row[data-run="${passedRun}"]`);
  const failedRow = page.locator(`tr.history-row[data-run="${failedRun}"]`);
  await expect(passedRow).toContainText('Passed');
  await expect(failedRow).toContainText('Failed');

  await page.reload();
  await expect(page.locator('[data-connection="online"]')).toBeVisible();
  await expect(page.locator('main[data-route="history"]')).toBeVisible();
  await expect(passedRow).toBeVisible();
  await expect(failedRow).toBeVisible();

  await page.locator('select[data-filter="status"]').selectOption('failed');
  await expect(failedRow).toBeVisible();
  await expect(passedRow).toHaveCount(0);
  await expect(page.locator('tr.history-row:not([data-gate="license-audit"])')).toHaveCount(0);

  await failedRow.click();
  await expect(page).toHaveURL(new RegExp(`#/gate/license-audit/run/${failedRun}$`));
  await expect(runStatus(page)).toHaveAttribute('data-status', 'failed');
});
