/** The page is a plain web page: no Node globals, no inline scripts, a strict CSP. */
import { expect, openCockpit, test } from './support/fixtures';

test('the renderer sees no Node globals', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  const kinds = await page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    module: typeof (globalThis as Record<string, unknown>).module,
    Buffer: typeof (globalThis as Record<string, unknown>).Buffer,
  }));
  expect(kinds).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
});

test('the CSP refuses inline scripts', async ({ page, cockpit }) => {
  const response = await page.goto(cockpit.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.locator('[data-connection="online"]')).toBeVisible();
  expect(await page.locator('script:not([src])').count()).toBe(0);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { __inlineRan?: boolean };
    const violation = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
      setTimeout(() => resolve('no violation reported'), 2000);
    });
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    return { ran: w.__inlineRan === true, directive: await violation };
  });
  expect(result).toEqual({ ran: false, directive: expect.stringMatching(/^script-src/) });
});

test('a page reopened in its tab without the token in the URL connects again (the tab keeps the token)', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await page.goto(`${cockpit.origin}/#/settings`);
  await expect(page.locator('[data-connection="online"]')).toBeVisible();
  await expect(page.locator('main')).toContainText('Data directory');
  await expect(page.locator('main')).toContainText(cockpit.dbPath);
});
