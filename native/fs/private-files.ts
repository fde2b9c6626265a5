/**
 * The store's files are its owner's alone: directories 0700, files 0600,
 * whatever the process umask. Gates still create their own files with the
 * user's umask; only what the cockpit writes under its data directory (and
 * bundles it writes) is private.
 */
import fs from 'node:fs';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** `mkdir -p` whose new directories are 0700 (existing ones are left as they are). */
export function mkdirPrivate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}

/** Creates the file empty and 0600 if it is missing; tightens an existing one of ours to 0600. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE));
  tighten(file);
}

/** Removes group and other access from an existing file or directory (never widens). */
export function tighten(p: string): void {
  try {
    const st = fs.statSync(p);
    if ((st.mode & 0o077) !== 0) fs.chmodSync(p, st.mode & 0o700);
  } catch {
    // Missing (a WAL file not created yet) or not ours: nothing to tighten.
  }
}
