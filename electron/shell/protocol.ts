/**
 * The renderer is loaded from `app://cockpit/`, a privileged, secure custom
 * scheme, not file:// (which would give the page the whole disk's origin).
 * Only files under dist/renderer are served.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { resolveStaticPath } from '../host/transport/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cockpit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The desktop CSP: like `serve`'s, but the page talks to the host over IPC, never a socket. */
export const DESKTOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = { 'Content-Security-Policy': DESKTOP_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404, headers });
    const target = resolveStaticPath(rootDir, url.pathname);
    if ('status' in target) {
      const body = target.status === 404 && url.pathname === '/' ? 'The interface is not built yet: run `npm run build`.' : 'Not found';
      return new Response(body, { status: target.status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    return new Response(new Uint8Array(await readFile(target.file)), { status: 200, headers: { ...headers, 'Content-Type': target.type } });
  });
}
