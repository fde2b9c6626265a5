import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { gatekeeper, newToken, readCookie, sameSecret } from '../../../electron/host/http-auth';

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

  it('accepts the token from the query or from its cookie, nothing else', () => {
    const gk = gatekeeper('T0K', 4870);
    const url = (q: string) => new URL(`http://127.0.0.1:4870/${q}`);
    expect(gk.tokenOf(req({}), url('?token=T0K'))).toEqual({ ok: true, fromQuery: true });
    expect(gk.tokenOf(req({}), url('?token=bad')).ok).toBe(false);
    expect(gk.tokenOf(req({}), url('')).ok).toBe(false);
    expect(gk.tokenOf(req({ cookie: 'a=1; cockpit_token_4870=T0K' }), url('')).ok).toBe(true);
    expect(gk.tokenOf(req({ cookie: 'cockpit_token_4871=T0K' }), url('')).ok).toBe(false);
    // A wrong query token is not rescued by a right cookie.
    expect(gk.tokenOf(req({ cookie: 'cockpit_token_4870=T0K' }), url('?token=bad')).ok).toBe(false);
    expect(gk.cookie()).toBe('cockpit_token_4870=T0K; HttpOnly; SameSite=Strict; Path=/');
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
