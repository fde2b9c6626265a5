/**
 * Sign-offs in the browser against a real `serve`: the operator ran every
 * gate with `run --key` (CLI, same database); the operator is refused signing
 * their own gate; the reviewer unlocks their key and approves; the release
 * manager sees the ceremony turn ready and tags; the bundle verifies offline.
 * Takes docs/screenshots/signoff.png, ceremony.png and verify.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { removeDir } from './support/cockpit-server';
import { expect, openCockpit, test } from './support/fixtures';
import { PASSPHRASE, REPO, signoffCockpit, type SignoffCockpit } from './support/signoff-setup';

const OUT = join(REPO, 'docs', 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  for (const close of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await close.click();
  await page.mouse.move(0, 899);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, name) });
}

async function useIdentity(page: Page, name: string): Promise<void> {
  await page.locator('.sidebar [data-nav="settings"]').click();
  const key = page.getByRole('radio', { name: new RegExp(name) });
  await key.click();
  await expect(key).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('identity-current')).toContainText(name);
}

test.describe('sign-offs and the ceremony', () => {
  let s: SignoffCockpit;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    mkdirSync(OUT, { recursive: true });
    s = await signoffCockpit();
  });
  test.afterAll(async () => {
    await s?.cockpit.stop();
    if (s) removeDir(s.cockpit.dir);
  });

  test('the operator is refused signing off their own gate, with the reason', async ({ page, consoleErrors }) => {
    await openCockpit(page, s.cockpit, '#/settings');
    await useIdentity(page, s.operator.name);
    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await expect(page.getByTestId('signoff-page')).toBeVisible();
    await page.locator('.so-gate[data-gate="unit-tests"]').click();
    await expect(page).toHaveURL(/#\/signoffs\/unit-tests$/);
    const refusal = page.getByRole('alert').filter({ hasText: 'You ran this gate; someone else must sign it off.' });
    await expect(refusal).toBeVisible();
    await expect(refusal).toHaveAttribute('data-rule', 'separation of duties');
    await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await expect(page.getByTestId('signing-as')).toContainText(s.operator.name);
    // j / k move between the gates to sign off, as on the board.
    await page.locator('.so-gate[data-gate="unit-tests"]').focus();
    await page.keyboard.press('j');
    await expect(page).toHaveURL(/#\/signoffs\/soak$/);
    await expect(page.locator('.so-gate[data-gate="soak"]')).toBeFocused();
    await page.keyboard.press('k');
    await expect(page).toHaveURL(/#\/signoffs\/unit-tests$/);
    expect(consoleErrors).toEqual([]);
  });

  test('the reviewer approves with their key; the board counts it; the ceremony turns ready and tags', async ({ page, consoleErrors }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openCockpit(page, s.cockpit, '#/board');
    await expect(page.getByTestId('readiness')).toHaveText('6 of 6 gates passed, 2 sign-offs missing');
    await useIdentity(page, s.reviewer.name);

    await page.locator('.sidebar [data-nav="signoffs"]').click();
    for (const [gate, comment] of [
      ['soak', 'latency and memory flat over the run'],
      ['unit-tests', 'both runs identical; JUnit reports reviewed'],
    ] as const) {
      const item = page.locator(`.so-gate[data-gate="${gate}"]`);
      await item.click();
      await expect(item).toHaveAttribute('data-signoff', 'awaiting');
      const review = page.locator(`.so-review[data-gate="${gate}"]`);
      await expect(review.locator('[data-file^="run-1.log"]')).toBeVisible();
      const approve = review.getByRole('button', { name: 'Approve' });
      await expect(approve).toBeDisabled(); // locked until the key is unlocked
      await review.getByLabel(/^Comment/).fill(comment);
      await review.getByLabel(`Passphrase for ${s.reviewer.name}’s key`).fill('not my passphrase');
      await approve.click();
      await expect(review.getByRole('alert')).toContainText('wrong passphrase');
      await expect(review.getByLabel(`Passphrase for ${s.reviewer.name}’s key`)).toHaveValue(''); // never kept
      await review.getByLabel(`Passphrase for ${s.reviewer.name}’s key`).fill(PASSPHRASE);
      if (gate === 'unit-tests') {
        // The evidence under review: files with their SHA-256, and the log in the run view's terminal reader.
        await expect(review.locator('[data-file="evidence/out/junit/demo.xml"]')).toContainText(/[0-9a-f]{16}…/);
        await expect(review.locator('.so-log .xterm-rows')).toContainText('running unit tests (attempt 2)');
        await expect(approve).toBeEnabled();
        await shot(page, 'signoff.png');
      }
      await approve.click();
      await expect(item).toHaveAttribute('data-signoff', 'approved');
      await expect(review.locator(`tr[data-person="${s.reviewer.name}"]`)).toContainText(comment);
    }

    await page.locator('.sidebar [data-nav="board"]').click();
    await expect(page.getByTestId('readiness')).toHaveText('6 of 6 gates passed');

    // The reviewer holds no ceremony role: the button stays disabled and says why.
    await page.locator('.sidebar [data-nav="ceremony"]').click();
    const tag = page.getByTestId('tag-button');
    await expect(tag).toHaveText('Tag release-candidate-1');
    await expect(tag).toBeDisabled();
    await expect(page.getByTestId('blockers')).toContainText('holds no ceremony role');

    await useIdentity(page, s.manager.name);
    await page.locator('.sidebar [data-nav="ceremony"]').click();
    await expect(page.getByTestId('ceremony-verdict')).toHaveText('Ready to tag');
    await expect(page.getByTestId('ceremony-page')).toHaveAttribute('data-ready', 'true');
    await expect(tag).toBeDisabled(); // until the key is unlocked
    await page.getByLabel(`Passphrase for ${s.manager.name}’s key`).fill(PASSPHRASE);
    await expect(tag).toBeEnabled();
    await shot(page, 'ceremony.png');
    await tag.click();
    const done = page.getByTestId('ceremony-done');
    await expect(done).toContainText('release-candidate-1 is tagged', { timeout: 30_000 });
    const digest = (await page.getByTestId('manifest-digest').textContent())!.trim();
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    await page.locator('.sidebar [data-nav="settings"]').click();
    await page.locator('.sidebar [data-nav="board"]').click();
    const gitTag = s.cli(['verify', join(s.cockpit.dir, 'bundles', 'cockpit-demo-release-candidate-1'), '--trust', s.manager.publicKey]);
    expect(gitTag.code).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  test('verifies the ceremony bundle offline, against the trusted key, and names what fails', async ({ page, consoleErrors }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const zip = join(s.cockpit.dir, 'bundle.zip');
    expect(s.cli(['bundle', s.cockpit.planPath, '--out', zip, '--key', s.manager.file, '--db', s.cockpit.dbPath]).code).toBe(0);
    await openCockpit(page, s.cockpit, '#/verify');
    await page.getByTestId('bundle-input').setInputFiles(zip);
    await page.getByLabel('Trusted release manager key').fill(s.reviewer.publicKey);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const verdict = page.getByTestId('verify-verdict');
    await expect(verdict).toHaveAttribute('data-ok', 'false');
    await expect(page.locator('.vf-checks li[data-ok="false"]').first()).toContainText('MANIFEST.dsse.json');

    await page.getByLabel('Trusted release manager key').fill(s.manager.publicKey);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(verdict).toHaveAttribute('data-ok', 'true');
    await expect(verdict).toContainText('Verified');
    await expect(page.locator('.vf-checks li[data-ok="false"]')).toHaveCount(0);
    await shot(page, 'verify.png');
    expect(consoleErrors).toEqual([]);
  });
});
