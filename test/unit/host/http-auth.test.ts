import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { gatekeeper, newToken, readCookie, sameSecret } from '../../../electron/host/transport/http-auth';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('http-auth', () => {
  it('makes a fresh 32-byte base64url token each time', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
  });

  it('compares secrets exactly', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abd', 'abc')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
    expect(sameSecret('abcd', 'abc')).toBe(false);
  });

  it('opens the API only with the token in the query; a cookie never carries it', () => {
    const gk = gatekeeper('T0K', 4870, 'ASSET');
    const url = (q: string) => new URL(`http://127.0.0.1:4870/api${q}`);
    expect(gk.apiAccess(url('?token=T0K'))).toBe(true);
    expect(gk.apiAccess(url('?token=bad'))).toBe(false);
    expect(gk.apiAccess(url(''))).toBe(false);
    // Cookies reach every local port, so the cookie holds a separate asset key, and the API ignores it.
    expect(gk.cookie()).toBe('cockpit_assets_4870=ASSET; HttpOnly; SameSite=Strict; Path=/');
    expect(gk.cookie()).not.toContain('T0K');
    expect(gk.apiAccess(url('?token=ASSET'))).toBe(false);
  });

  it('serves the page with the token (first load) or the asset cookie (reload), nothing else', () => {
    const gk = gatekeeper('T0K', 4870, 'ASSET');
    const url = (q: string) => new URL(`http://127.0.0.1:4870/${q}`);
    expect(gk.pageAccess(req({}), url('?token=T0K'))).toEqual({ ok: true, fromQuery: true });
    expect(gk.pageAccess(req({}), url('?token=bad')).ok).toBe(false);
    expect(gk.pageAccess(req({}), url('')).ok).toBe(false);
    expect(gk.pageAccess(req({ cookie: 'a=1; cockpit_assets_4870=ASSET' }), url('')).ok).toBe(true);
    expect(gk.pageAccess(req({ cookie: 'cockpit_assets_4870=T0K' }), url('')).ok).toBe(false);
    expect(gk.pageAccess(req({ cookie: 'cockpit_assets_4871=ASSET' }), url('')).ok).toBe(false);
    // A wrong query token is not rescued by a right cookie.
    expect(gk.pageAccess(req({ cookie: 'cockpit_assets_4870=ASSET' }), url('?token=bad')).ok).toBe(false);
  });

  it('wants the exact loopback Host and Origin', () => {
    const gk = gatekeeper('t', 4870);
    expect(gk.hostOk(req({ host: '127.0.0.1:4870' }))).toBe(true);
    expect(gk.hostOk(req({ host: 'localhost:4870' }))).toBe(false);
    expect(gk.hostOk(req({ host: 'evil.example:4870' }))).toBe(false);
    expect(gk.originOk(req({ origin: 'http://127.0.0.1:4870' }))).toBe(true);
    expect(gk.originOk(req({ origin: 'http://127.0.0.1:4871' }))).toBe(false);
    expect(gk.originOk(req({ origin: 'null' }))).toBe(false);
    expect(gk.originOk(req({}))).toBe(false);
  });

  it('reads cookies', () => {
    expect(readCookie('a=1; b = 2 ;c=3', 'b')).toBe('2');
    expect(readCookie(undefined, 'b')).toBeNull();
  });
});
