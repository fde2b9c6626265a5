/**
 * Who may talk to `serve`: only pages it served itself, on the loopback
 * address, holding the token it printed. Checks are constant-time where a
 * secret is compared, and exact where a header is compared (DNS rebinding
 * changes the Host header; a foreign page changes the Origin).
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

export function cookieName(port: number): string {
  return `cockpit_token_${port}`;
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

export interface Gatekeeper {
  readonly origin: string;
  readonly host: string;
  /** The token in `?token=` (preferred) or the session cookie, if it is the right one. */
  tokenOf(req: IncomingMessage, url: URL): { ok: boolean; fromQuery: boolean };
  hostOk(req: IncomingMessage): boolean;
  originOk(req: IncomingMessage): boolean;
  /** Set-Cookie value that lets the page's assets and socket authenticate. */
  cookie(): string;
}

export function gatekeeper(token: string, port: number): Gatekeeper {
  const host = `127.0.0.1:${port}`;
  const origin = `http://${host}`;
  const name = cookieName(port);
  return {
    origin,
    host,
    tokenOf(req, url) {
      const q = url.searchParams.get('token');
      if (q !== null) return { ok: sameSecret(q, token), fromQuery: true };
      const c = readCookie(req.headers.cookie, name);
      return { ok: c !== null && sameSecret(c, token), fromQuery: false };
    },
    hostOk: (req) => req.headers.host === host,
    originOk: (req) => req.headers.origin === origin,
    cookie: () => `${name}=${token}; HttpOnly; SameSite=Strict; Path=/`,
  };
}
