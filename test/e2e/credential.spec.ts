/**
 * serve's credential stays with serve. Cookies ignore ports, so a page on any
 * other 127.0.0.1 port is sent whatever cookie serve set: here such a page
 * (a server this test starts on another loopback port) is opened in the same
 * browser after the cockpit, and gets nothing that opens the API, from the
 * browser or from its own server.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { expect, openCockpit, test } from './support/fixtures';

interface Other {
  server: Server;
  origin: string;
  seen: IncomingHttpHeaders[];
}

function otherPortPage(): Promise<Other> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another local page</title><p>hello</p>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen });
  }));
}

/** An upgrade as a local process would try it, with any Origin it likes. */
function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.close();
    });
    ws.once('error', () => resolve(-1));
  });
}

test('the token leaves the address bar and history, and survives a reload of the tab', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  expect(page.url()).not.toContain('token');
  expect(page.url()).not.toContain(cockpit.token);
  await page.reload();
  await expect(page.locator('[data-connection="online"]')).toBeVisible();
  expect(await page.evaluate(() => window.location.href)).not.toContain('token');
});

test('a page on another 127.0.0.1 port receives no credential and cannot call the API', async ({ page, cockpit }) => {
  const other = await otherPortPage();
  const port = Number(new URL(cockpit.origin).port);
  try {
    await openCockpit(page, cockpit);
    await page.goto(`${other.origin}/`);
    await expect(page.locator('p')).toHaveText('hello');
    // What the other port's server received: the asset cookie at most, never the token.
    const sent = other.seen.map((h) => `${h.cookie ?? ''} ${h.referer ?? ''}`).join('\n');
    expect(sent).not.toContain(cockpit.token);
    // What its page can do in the browser: no token in its storage; the API refuses it.
    const attempt = await page.evaluate(async (port) => {
      const open = (url: string) => new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => { ws.close(); resolve('open'); };
        ws.onerror = () => resolve('refused');
      });
      return {
        stored: sessionStorage.length + localStorage.length,
        plain: await open(`ws://127.0.0.1:${port}/api`),
        page: await fetch(`http://127.0.0.1:${port}/`, { credentials: 'include', mode: 'no-cors' }).then(() => 'opaque', () => 'refused'),
      };
    }, port);
    // serve's pages are same-origin only (Cross-Origin-Resource-Policy): even an opaque read is refused.
    expect(attempt).toEqual({ stored: 0, plain: 'refused', page: 'refused' });
    // What its server can do with what it received, forging the Origin as any local process can.
    const cookie = other.seen.map((h) => h.cookie).find((c) => c) ?? '';
    expect(cookie).toMatch(/cockpit_assets_\d+=/); // the browser did send serve's cookie to another port
    const asToken = cookie.split(';').map((c) => c.trim().split('=')[1]).find((v) => v) ?? 'x';
    const api = `ws://127.0.0.1:${port}/api`;
    expect(await upgrade(api, { origin: cockpit.origin, cookie })).toBe(401);
    expect(await upgrade(`${api}?token=${asToken}`, { origin: cockpit.origin, cookie })).toBe(401);
  } finally {
    other.server.close();
  }
});

test('a new tab without the token says how to open the cockpit; a browser without the cookie gets no page', async ({ page, cockpit, browser }) => {
  await openCockpit(page, cockpit);
  const tab = await page.context().newPage();
  await tab.goto(`${cockpit.origin}/#/board`);
  await expect(tab.locator('body')).toContainText('This tab has no access token');
  await expect(tab.locator('body')).toContainText('release-cockpit serve');
  await tab.close();
  const stranger = await browser.newPage();
  const res = await stranger.goto(`${cockpit.origin}/`);
  expect(res?.status()).toBe(401);
  await stranger.close();
});
