/**
 * Where the cockpit keeps its database and files. The app and the CLI must
 * agree on this, so it mirrors Electron's `app.getPath('userData')` for the
 * product name without importing electron. Pure: the environment, platform
 * and home directory are parameters (with the process's as defaults), so the
 * shell can use it without loading the store.
 */
import os from 'node:os';
import path from 'node:path';
import type { StoreLayout } from './runs/ports';

export const PRODUCT_NAME = 'Release Cockpit';

export type { StoreLayout } from './runs/ports';

/** The app data directory; `COCKPIT_DATA_DIR` overrides it. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.COCKPIT_DATA_DIR) return path.resolve(env.COCKPIT_DATA_DIR);
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  }
  const configHome = env.XDG_CONFIG_HOME || path.posix.join(home, '.config');
  return path.posix.join(configHome, PRODUCT_NAME);
}

/** `<dataDir>/cockpit.db`: the `--db` default shared by the app and the CLI. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultDataDir(env), 'cockpit.db');
}

/** Files live beside the database, so `--db /tmp/x.db` keeps logs in `/tmp/x.db.files/`. */
export function storeLayout(dbPath: string): StoreLayout {
  const db = path.resolve(dbPath);
  const filesDir = `${db}.files`;
  return {
    db,
    filesDir,
    runsDir: path.join(filesDir, 'runs'),
    blobsDir: path.join(filesDir, 'blobs'),
  };
}
