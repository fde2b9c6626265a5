/** Keyboard access: shortcuts, the help overlay, and Tab reaching the controls. */
import { expect, gateRow, openCockpit, test } from './support/fixtures';

test('shortcuts navigate, select and open gates; ? lists them', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await expect(gateRow(page, 'build-info')).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Run the selected gate');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page.locator('main[data-route="settings"]')).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('b');
  await expect(page.locator('main[data-route="board"]')).toBeVisible();

  await page.keyboard.press('j');
  await expect(gateRow(page, 'build-info')).toHaveClass(/is-selected/);
  await page.keyboard.press('j');
  await expect(gateRow(page, 'start-stop')).toHaveClass(/is-selected/);
  await page.keyboard.press('k');
  await expect(gateRow(page, 'build-info')).toHaveClass(/is-selected/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/gate\/build-info/);
  await page.keyboard.press('Escape');
  await expect(page.locator('main[data-route="board"]')).toBeVisible();
});

test('Tab reaches the navigation and the gate actions, with a visible focus ring', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await expect(gateRow(page, 'build-info')).toBeVisible();
  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const visible = el.cloneNode(true) as HTMLElement;
      visible.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
      return { name: (el.getAttribute('aria-label') ?? visible.textContent ?? '').trim(), outline: style.outlineStyle };
    });
    if (info) {
      reached.add(info.name);
      expect(info.outline, `focus ring on "${info.name}"`).not.toBe('none');
    }
  }
  expect([...reached]).toEqual(expect.arrayContaining(['Board', 'History', 'Settings', 'Run all', 'Run Build information recorded']));
});
