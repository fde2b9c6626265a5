/**
 * The Electron binary, if this machine has one. Never `require('electron')`:
 * its index.js downloads the binary when it is missing, and our build
 * machines are offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules', 'electron');
  let rel = '';
  try {
    rel = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    // never installed
  }
  const candidates: string[] = [];
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) candidates.push(join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron'));
  if (rel) candidates.push(join(pkg, 'dist', rel));
  return candidates.find((p) => existsSync(p)) ?? null;
}
