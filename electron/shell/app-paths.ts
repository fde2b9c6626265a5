/**
 * Where the app finds its own files and keeps the user's. The data directory
 * is the one the CLI uses (core/data-dir.ts), so `release-cockpit status`
 * sees the app's runs and the other way round.
 */
import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, defaultDbPath, PRODUCT_NAME } from '../core/data-dir';

/** Call before `ready`: names the app and points userData at the shared data directory. */
export function setupAppIdentity(): void {
  app.setName(PRODUCT_NAME);
  app.setPath('userData', defaultDataDir());
}

export function dataDir(): string {
  return app.getPath('userData');
}

export function dbPath(): string {
  return defaultDbPath();
}

/** dist/shell/main.cjs lives in dist/shell; the renderer build in dist/renderer. */
export function rendererDir(): string {
  return join(__dirname, '..', 'renderer');
}

export function preloadPath(): string {
  return join(__dirname, 'preload.cjs');
}

/** resources/ (plans, scripts): next to the app when packaged, in the repo in development. */
export function resourcesDir(): string {
  const candidates = [
    ...(app.isPackaged ? [join(process.resourcesPath, 'resources')] : []),
    join(__dirname, '..', '..', 'resources'),
  ];
  return candidates.find((p) => existsSync(p)) ?? candidates[candidates.length - 1];
}

/**
 * better-sqlite3's addon built for Electron, which `npm start` makes once and
 * names in COCKPIT_SQLITE_BINDING (bin/start/electron-natives.cjs): from a
 * checkout, node_modules holds Node's build for the CLI and the tests. A
 * packaged app has its own, rebuilt by electron-builder, and never reads the
 * variable.
 */
export function sqliteBinding(): string | null {
  if (app.isPackaged) return null;
  const path = process.env.COCKPIT_SQLITE_BINDING;
  return path && existsSync(path) ? path : null;
}

/** Developer affordances (devtools) only in an unpackaged build or when asked for. */
export function isDev(): boolean {
  return !app.isPackaged || process.env.COCKPIT_DEV === '1';
}
