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

/** Removes group and other access from an existing file or directory (never widens); true when it had any. */
export function tighten(p: string): boolean {
  try {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink() || (st.mode & 0o077) === 0) return false;
    fs.chmodSync(p, st.mode & 0o700);
    return true;
  } catch {
    // Missing (a WAL file not created yet) or not ours: nothing to tighten.
    return false;
  }
}

/** `tighten` for a directory and everything under it (links are not followed). A store from before 0.2 needs it once. */
export function tightenTree(dir: string): void {
  tighten(dir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const p = `${dir}/${name}`;
    const st = fs.lstatSync(p, { throwIfNoEntry: false });
    if (!st || st.isSymbolicLink()) continue;
    if (st.isDirectory()) tightenTree(p);
    else tighten(p);
  }
}

/** Copies a file to a new `dest` that is 0600 from its first byte (copyFile would give it the source's mode first). */
export function copyPrivate(src: string, dest: string): void {
  const out = fs.openSync(dest, 'wx', PRIVATE_FILE);
  try {
    const input = fs.openSync(src, 'r');
    try {
      const chunk = Buffer.alloc(1 << 20);
      let n: number;
      while ((n = fs.readSync(input, chunk, 0, chunk.length, null)) > 0) {
        for (let done = 0; done < n;) done += fs.writeSync(out, chunk, done, n - done);
      }
    } finally {
      fs.closeSync(input);
    }
  } finally {
    fs.closeSync(out);
  }
}
