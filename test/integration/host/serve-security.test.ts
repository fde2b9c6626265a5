import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { planWorkspace } from './fixture';
import { startServe, TestClient, upgradeStatus, type ServeProcess } from './serve-process';

function httpGet(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (b) => (body += b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve: who may connect, and bad requests', () => {
  const ws = planWorkspace();
  let srv: ServeProcess;
  let api: string;

  beforeAll(async () => {
    const renderer = ws.write('renderer/index.html', '<!doctype html><script src="/app.js"></script>');
    ws.write('renderer/app.js', 'console.log(1)');
    ws.write('secret.txt', 'outside the renderer');
    srv = await startServe([ws.plan, '--port', '0', '--db', ws.db], { COCKPIT_RENDERER_DIR: renderer.replace(/index\.html$/, '') });
    api = `ws://127.0.0.1:${srv.port}/api`;
  });
  afterAll(async () => {
    srv?.child.kill('SIGTERM');
    await srv?.exited;
    ws.cleanup();
  });

  it('prints the URL with a fresh 32-byte token and listens on 127.0.0.1 only', () => {
    expect(srv.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/?token=${srv.token}`);
  });

  it('refuses HTTP without the token or with a wrong one', async () => {
    expect((await httpGet(srv.port, '/')).status).toBe(401);
    expect((await httpGet(srv.port, '/?token=wrong')).status).toBe(401);
    expect((await httpGet(srv.port, '/app.js')).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await httpGet(srv.port, `/?token=${srv.token}`, { host: `evil.example:${srv.port}` });
    expect(res.status).toBe(403);
  });

  it('serves the page with the token, strict headers and a session cookie for the assets', async () => {
    const page = await httpGet(srv.port, `/?token=${srv.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:${srv.port}; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    );
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await httpGet(srv.port, '/app.js', { cookie: cookie.split(';')[0] });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1)');
    // Cookies ignore ports: the cookie holds no token and opens no API, sent as a cookie or as the token.
    const value = cookie.split(';')[0].split('=')[1];
    expect(value).not.toBe(srv.token);
    expect(cookie).not.toContain(srv.token);
    expect(await upgradeStatus(api, { origin: srv.origin, cookie: cookie.split(';')[0] })).toBe(401);
    expect(await upgradeStatus(`${api}?token=${value}`, { origin: srv.origin })).toBe(401);
  });

  it('never serves files outside the renderer directory', async () => {
    for (const path of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fplan%2fplan.yaml']) {
      const res = await httpGet(srv.port, `${path}?token=${srv.token}`);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the renderer');
    }
  });

  it('refuses WebSocket upgrades without the token, with a wrong one, or from a foreign Origin', async () => {
    expect(await upgradeStatus(api, { origin: srv.origin })).toBe(401);
    expect(await upgradeStatus(`${api}?token=nope`, { origin: srv.origin })).toBe(401);
    expect(await upgradeStatus(`${api}?token=${srv.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${api}?token=${srv.token}`, { origin: `http://localhost:${srv.port}` })).toBe(403);
    expect(await upgradeStatus(`${api}?token=${srv.token}`, {})).toBe(403);
    expect(await upgradeStatus(`${api}?token=${srv.token}`, { origin: srv.origin, host: `evil.example:${srv.port}` })).toBe(403);
    expect(await upgradeStatus(`${api}?token=${srv.token}`, { origin: srv.origin })).toBe(101);
  });

  it('answers a schema-invalid request with invalid-input and keeps serving', async () => {
    const c = await TestClient.open(`${api}?token=${srv.token}`, srv.origin);
    const bad = await c.call('gate.run', { gateId: 5, cols: 'wide' });
    expect(bad.ok).toBe(false);
    expect(bad.error!.code).toBe('invalid-input');
    expect(bad.error!.message).toMatch(/gateId/);
    expect(bad.error!.message).toMatch(/cols/);
    expect(bad.error!.message).not.toMatch(/\n\s+at /);
    const unknown = await c.call('gate.explode', {});
    expect(unknown.error!.code).toBe('unknown-channel');
    const status = await c.ok('status.get', {});
    expect(status.plan.release).toBe('host-test');
    c.close();
  });

  it('answers malformed JSON and oversized frames with an id-less error, connection intact', async () => {
    const c = await TestClient.open(`${api}?token=${srv.token}`, srv.origin);
    c.ws.send('{"id":1,"channel":');
    await c.until(() => c.orphans.length >= 1, 'a reply to malformed JSON');
    c.ws.send(JSON.stringify({ id: 2, channel: 'plan.recent', input: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    await c.until(() => c.orphans.length >= 2, 'a reply to an oversized frame');
    expect(c.orphans.map((o) => o.error!.code)).toEqual(['invalid-input', 'invalid-input']);
    expect(c.orphans[1].error!.message).toMatch(/limited to 1048576 bytes/);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    expect(await c.ok('plan.recent', {})).toEqual([ws.plan]);
    // Another client is unaffected too.
    const d = await TestClient.open(`${api}?token=${srv.token}`, srv.origin);
    expect((await d.ok('plan.current', {})).gates.map((g: { id: string }) => g.id)).toEqual(['hello', 'slow', 'after-hello']);
    c.close();
    d.close();
  });

  it('reports an invalid plan with file:line:col', async () => {
    const c = await TestClient.open(`${api}?token=${srv.token}`, srv.origin);
    const broken = ws.write('broken.yaml', 'version: 1\nrelease: x\ncandidate: rc\ngates:\n  - id: a\n    runn: echo\n');
    const r = await c.call('plan.open', { path: broken });
    expect(r.error!.code).toBe('invalid-input');
    expect(r.error!.message).toMatch(/broken\.yaml:\d+:\d+/);
    const missing = await c.call('plan.open', { path: `${ws.dir}/nope.yaml` });
    expect(missing.error!.code).toBe('not-found');
    c.close();
  });
});
