/**
 * "Sign results" on the board: a gate started from the page runs as the
 * identity in use and its result is signed when it ends, as `run --key`
 * does. A passphrase key is unlocked in a dialog; a wrong passphrase starts
 * nothing. The ceremony then no longer lists the gate as unsigned.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, removeDir, startCockpit, writePlanDir, type Cockpit } from './support/cockpit-server';
import { expect, gateRow, openCockpit, runStatus, test } from './support/fixtures';

const PASSPHRASE = 'correct horse battery staple';

test.describe('signed runs from the board', () => {
  let cockpit: Cockpit;
  test.beforeAll(async () => {
    const dir = writePlanDir({});
    const env = { ...process.env, COCKPIT_DATA_DIR: join(dir, 'data'), COCKPIT_PASSPHRASE: PASSPHRASE };
    const created = spawnSync(process.execPath, [CLI, 'keys', 'create', '--name', 'Olga Operator'], { env, encoding: 'utf8' });
    const file = /file:\s+(.+)/.exec(created.stdout)?.[1].trim();
    if (!file) throw new Error(`keys create: ${created.stderr}`);
    const pub = spawnSync(process.execPath, [CLI, 'keys', 'public', file], { env, encoding: 'utf8' }).stdout.trim();
    const planPath = join(dir, 'plan.yaml');
    writeFileSync(
      planPath,
      `version: 1
release: signed-e2e
candidate: rc-1
signers:
  - { name: Olga Operator, key: "${pub}", roles: [operations] }
gates:
  - id: build
    run: echo built by the board
  - id: lint
    run: echo linted
`,
    );
    cockpit = await startCockpit(dir, planPath);
  });
  test.afterAll(async () => {
    await cockpit?.stop();
    if (cockpit) removeDir(cockpit.dir);
  });

  test('unlocks the key in a dialog, runs the gate as its owner and signs the result', async ({ page, consoleErrors }) => {
    await openCockpit(page, cockpit);
    const toggle = page.getByTestId('sign-results');
    await expect(toggle).toBeEnabled(); // the only key is the identity in use
    await expect(page.getByText('Sign results as Olga Operator')).toBeVisible();
    await toggle.check();

    // A wrong passphrase starts nothing and says why.
    await gateRow(page, 'build').locator('[data-action="run"]').click();
    const dialog = page.getByTestId('unlock-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Passphrase for Olga Operator’s key')).toBeFocused();
    await page.keyboard.type('not the passphrase');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: /Could not unlock Olga Operator/ })).toBeVisible();
    await expect(gateRow(page, 'build')).toHaveAttribute('data-status', 'not-run');

    // Escape cancels without running.
    await gateRow(page, 'build').locator('[data-action="run"]').click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(gateRow(page, 'build')).toHaveAttribute('data-status', 'not-run');

    await gateRow(page, 'build').locator('[data-action="run"]').click();
    await dialog.getByLabel('Passphrase for Olga Operator’s key').fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Unlock and run' }).click();
    await expect(page).toHaveURL(/#\/gate\/build\/run\/\d+$/);
    await expect(runStatus(page)).toHaveAttribute('data-status', 'passed', { timeout: 15_000 });

    // Unsigned from the board, for contrast.
    await page.goto(`${cockpit.url}#/board`);
    await toggle.uncheck();
    await gateRow(page, 'lint').locator('[data-action="run"]').click();
    await expect(page).toHaveURL(/#\/gate\/lint\/run\/\d+$/);
    await expect(dialog).toBeHidden();
    await expect(runStatus(page)).toHaveAttribute('data-status', 'passed', { timeout: 15_000 });

    await page.goto(`${cockpit.url}#/ceremony`);
    const blockers = page.getByTestId('blockers');
    await expect(blockers.locator('li[data-rule="unsigned result"]')).toHaveCount(1);
    await expect(blockers.locator('li[data-rule="unsigned result"]')).toContainText('lint');
    expect(consoleErrors).toEqual([]);
  });
});
