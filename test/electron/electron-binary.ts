/**
 * What the smoke test launches. COCKPIT_APP_EXECUTABLE names a packaged app
 * (the release workflow sets it to a copy with only the inspect fuse turned
 * on, since Playwright drives Electron through the inspector); otherwise the
 * checkout's Electron runs dist/shell/main.cjs, with better-sqlite3 built for
 * Electron as `npm start` builds it. The binary is found as `npm start` finds
 * it (bin/start/electron-binary.cjs), never by `require('electron')`.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const require = createRequire(import.meta.url);
const { electronBinary, electronVersion } = require('../../bin/start/electron-binary.cjs') as {
  electronBinary(root: string): string | null;
  electronVersion(root: string): string | null;
};
const { electronSqlite } = require('../../bin/start/electron-natives.cjs') as {
  electronSqlite(root: string, version: string): Promise<{ binding?: string; reason?: string }>;
};

export interface Launch {
  executablePath: string;
  /** The shell's entry for a checkout; nothing for a packaged app, which loads its own app.asar. */
  args: string[];
  env: Record<string, string>;
  packaged: boolean;
}

/** The app to launch, or null when this machine has neither a packaged app nor an Electron binary. */
export function appUnderTest(): Omit<Launch, 'env'> | null {
  const packaged = process.env.COCKPIT_APP_EXECUTABLE;
  if (packaged) return { executablePath: packaged, args: [], packaged: true };
  const binary = electronBinary(ROOT);
  return binary ? { executablePath: binary, args: [join(ROOT, 'dist', 'shell', 'main.cjs')], packaged: false } : null;
}

/** The environment the checkout's Electron needs: better-sqlite3 for its ABI (built once, then cached). */
export async function checkoutEnv(): Promise<Record<string, string>> {
  const sqlite = await electronSqlite(ROOT, electronVersion(ROOT) ?? '');
  if (!sqlite.binding) throw new Error(`the smoke test needs better-sqlite3 built for Electron: ${sqlite.reason}`);
  return { COCKPIT_SQLITE_BINDING: sqlite.binding };
}
