/** The screens around the board: no plan, an invalid plan, a lost connection. */
import { join } from 'node:path';
import { copyExamplePlan, removeDir, startCockpit, writePlanDir, type Cockpit } from './support/cockpit-server';
import { expect, gateRow, openCockpit, test } from './support/fixtures';

const BAD_PLAN = `version: 1
release: broken
candidate: rc
gates:
  - id: a
    run: echo hi
    repeat: many
`;

test.describe('without a plan', () => {
  let bare: Cockpit;
  let planDir: string;
  let example: { dir: string; planPath: string };

  test.beforeAll(async () => {
    planDir = writePlanDir({ 'bad.yaml': BAD_PLAN });
    example = copyExamplePlan();
    // `serve` without PLAN: the page must offer to open one.
    bare = await startCockpit(planDir, '');
  });

  test.afterAll(async () => {
    await bare?.stop();
    removeDir(planDir);
    removeDir(example.dir);
  });

  test('explains how to open a plan, lists file:line:col errors, then opens a good one', async ({ page }) => {
    await openCockpit(page, bare);
    await expect(page.getByRole('heading', { name: 'No release plan open' })).toBeVisible();

    await page.getByLabel('Plan file path').fill(join(planDir, 'bad.yaml'));
    await page.getByRole('button', { name: 'Open plan' }).click();
    await expect(page.getByRole('heading', { name: 'This plan has errors' })).toBeVisible();
    const errors = page.getByRole('list', { name: 'Plan errors' });
    await expect(errors).toContainText(`${join(planDir, 'bad.yaml')}:7:`);
    await expect(errors).toContainText('repeat');

    await page.getByRole('button', { name: 'Open another plan' }).click();
    await page.getByLabel('Plan file path').fill(example.planPath);
    await page.getByRole('button', { name: 'Open plan' }).click();
    await expect(gateRow(page, 'build-info')).toBeVisible();
    await expect(page.locator('.release-name')).toHaveText('cockpit-demo');
  });
});

test('says when the connection to the host is lost, and keeps the last board readable', async ({ page }) => {
  const { dir, planPath } = copyExamplePlan();
  const doomed = await startCockpit(dir, planPath);
  try {
    await openCockpit(page, doomed);
    await expect(gateRow(page, 'build-info')).toBeVisible();
    await doomed.stop();
    await expect(page.locator('[data-connection="reconnecting"]')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'reconnecting' }).first()).toBeVisible();
    // The last known board stays readable.
    await expect(gateRow(page, 'build-info')).toBeVisible();
  } finally {
    await doomed.stop();
    removeDir(dir);
  }
});
