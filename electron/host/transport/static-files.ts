/** Serves the built renderer (dist/renderer) with strict headers; nothing outside it. */
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

const NOT_BUILT = `<!doctype html><html><head><meta charset="utf-8"><title>Release Cockpit</title></head>
<body style="font-family:system-ui,sans-serif;margin:3rem">
<h1>Release Cockpit</h1><p>The browser interface is not built yet. Run <code>npm run build</code>, then reload this page.</p>
<p>The API is running.</p></body></html>`;

export function sendText(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export type StaticTarget = { file: string; type: string; isIndex: boolean } | { status: 400 | 404 };

/**
 * The file under `rootDir` a URL path names, or why there is none. Paths
 * without an extension get index.html (client-side routes). Nothing outside
 * the root, even through a symlink.
 */
export function resolveStaticPath(rootDir: string, pathname: string): StaticTarget {
  const root = resolve(rootDir);
  const index = resolve(root, 'index.html');
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (rel.includes('\0')) return { status: 400 };
  let file = rel === '/' ? index : resolve(root, `.${rel}`);
  if (!file.startsWith(root + sep)) return { status: 404 };
  if (!isFile(file)) {
    if (extname(rel) !== '' || !isFile(index)) return { status: 404 };
    file = index;
  }
  const real = realpathSync(file);
  if (!real.startsWith(realpathSync(root) + sep)) return { status: 404 };
  return { file: real, type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', isIndex: file === index };
}

/** Answers a GET/HEAD for `pathname` from `rootDir`, or a page saying to build when there is nothing to serve. */
export function serveStatic(rootDir: string, req: IncomingMessage, res: ServerResponse, pathname: string, headers: Record<string, string>): void {
  if (!existsSync(resolve(rootDir, 'index.html'))) return sendText(res, 200, TYPES['.html'], NOT_BUILT, headers);
  const target = resolveStaticPath(rootDir, pathname);
  if ('status' in target) {
    return sendText(res, target.status, TYPES['.txt'], target.status === 400 ? 'Bad path.\n' : 'Not found.\n', headers);
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': target.type,
    'Content-Length': statSync(target.file).size,
    'Cache-Control': target.isIndex ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(target.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
