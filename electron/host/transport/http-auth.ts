/**
 * Who may talk to `serve`: only pages it served itself, on the loopback
 * address, holding the token it printed. Checks are constant-time where a
 * secret is compared, and exact where a header is compared (DNS rebinding
 * changes the Host header; a foreign page changes the Origin). See
 * docs/adr/0007-trust-model.md for why the token is never a cookie.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, base64url: a new one at every start. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The cookie that lets the page load its own assets after a reload; it opens nothing else. */
export function cookieName(port: number): string {
  return `cockpit_assets_${port}`;
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * Two credentials, because cookies ignore ports: a cookie set by
 * 127.0.0.1:4870 is sent to every 127.0.0.1 server, so whatever it holds,
 * any local page's server receives.
 * - The API token (printed in the URL) opens the API. The page moves it from
 *   its URL into the tab's session storage (origin-bound, ports included) and
 *   sends it with the WebSocket upgrade. It is never a cookie.
 * - The asset key (a cookie, random, separate) only lets the page fetch its
 *   own static files again, e.g. after a reload. Leaked, it opens nothing.
 */
export interface Gatekeeper {
  readonly origin: string;
  readonly host: string;
  /** Static files: the API token in `?token=` (the first load), or the asset cookie. */
  pageAccess(req: IncomingMessage, url: URL): { ok: boolean; fromQuery: boolean };
  /** The API: only the token in the upgrade's `?token=`; cookies are ignored. */
  apiAccess(url: URL): boolean;
  hostOk(req: IncomingMessage): boolean;
  originOk(req: IncomingMessage): boolean;
  /** Set-Cookie value that lets the page fetch its assets again; it carries the asset key, not the token. */
  cookie(): string;
}

export function gatekeeper(token: string, port: number, assetKey: string = newToken()): Gatekeeper {
  const host = `127.0.0.1:${port}`;
  const origin = `http://${host}`;
  const name = cookieName(port);
  return {
    origin,
    host,
    pageAccess(req, url) {
      const q = url.searchParams.get('token');
      if (q !== null) return { ok: sameSecret(q, token), fromQuery: true };
      const c = readCookie(req.headers.cookie, name);
      return { ok: c !== null && sameSecret(c, assetKey), fromQuery: false };
    },
    apiAccess(url) {
      const q = url.searchParams.get('token');
      return q !== null && sameSecret(q, token);
    },
    hostOk: (req) => req.headers.host === host,
    originOk: (req) => req.headers.origin === origin,
    cookie: () => `${name}=${assetKey}; HttpOnly; SameSite=Strict; Path=/`,
  };
}
