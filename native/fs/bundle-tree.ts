/**
 * Bundles and requests as files: read a directory (never following a
 * symlink: a link in a bundle is a finding, not a file), or write a set of
 * files to a new directory or zip. Sources are bytes or files on disk (blobs),
 * copied without loading them when writing a directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unsafePathProblem } from '../../electron/core/release/layout';
import { readZip, ZIP_LIMITS, type ZipProblem } from '../archive/zip-read';

/** Headers and stored entries: a zip may be a little larger than its contents. */
const ZIP_SLACK = 64 * 1024 * 1024;
import { writeZip } from '../archive/zip-write';
import { copyPrivate, mkdirPrivate, PRIVATE_FILE } from './private-files';
import { walkFiles } from './walk-files';

import type { FileSource } from '../../electron/core/release/ports';

export type { FileSource } from '../../electron/core/release/ports';

export interface ReadTree {
  files: Map<string, Buffer>;
  problems: ZipProblem[];
  kind: 'dir' | 'zip';
}

/** Reads a bundle (or request) directory or zip into memory. Throws only when the path cannot be read at all. */
export async function readBundle(p: string): Promise<ReadTree> {
  const st = fs.statSync(p);
  if (!st.isDirectory()) {
    // A zip larger than everything it may inflate to is refused unread.
    if (st.size > ZIP_LIMITS.maxTotalBytes + ZIP_SLACK) {
      return { files: new Map(), problems: [{ file: '(zip)', message: `too large: ${st.size} bytes (at most ${ZIP_LIMITS.maxTotalBytes})` }], kind: 'zip' };
    }
    const { files, problems } = readZip(fs.readFileSync(p));
    return { files, problems, kind: 'zip' };
  }
  const walk = await walkFiles(p, '', { skipDirs: new Set(), maxEntries: 100_000 });
  const files = new Map<string, Buffer>();
  const problems: ZipProblem[] = walk.errors.map((e) => ({ file: p, message: e }));
  if (walk.truncated) problems.push({ file: p, message: `${p}: too many files` });
  for (const e of walk.entries) {
    const unsafe = unsafePathProblem(e.rel);
    if (e.kind === 'symlink') problems.push({ file: e.rel, message: `${e.rel}: symlink in the bundle (links are not allowed)` });
    else if (e.kind === 'other') problems.push({ file: e.rel, message: `${e.rel}: not a regular file` });
    else if (unsafe) problems.push({ file: e.rel, message: `${e.rel}: ${unsafe}` });
    else files.set(e.rel, fs.readFileSync(e.abs));
  }
  return { files, problems, kind: 'dir' };
}

export function bytesOf(src: FileSource): Buffer {
  return Buffer.isBuffer(src) ? src : fs.readFileSync(src.file);
}

/**
 * Writes to `out`: a zip (by default when it ends in `.zip`), else a directory
 * that must not exist or be empty. Private (0600 files, 0700 directories): a
 * bundle holds logs and evidence; whoever it is sent to gets their own copy.
 */
export function writeBundle(out: string, files: Map<string, FileSource>, mtime: Date, asZip = out.toLowerCase().endsWith('.zip')): void {
  if (asZip) {
    const bytes = new Map<string, Uint8Array>();
    for (const [name, src] of files) bytes.set(name, bytesOf(src));
    const tmp = `${out}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, writeZip(bytes, mtime), { flag: 'wx', mode: PRIVATE_FILE });
    fs.renameSync(tmp, out);
    return;
  }
  mkdirPrivate(out);
  for (const [name, src] of files) {
    const dest = path.join(out, ...name.split('/'));
    mkdirPrivate(path.dirname(dest));
    if (Buffer.isBuffer(src)) fs.writeFileSync(dest, src, { flag: 'wx', mode: PRIVATE_FILE });
    else copyPrivate(src.file, dest);
  }
}

/** Why `out` cannot receive a new bundle, or null. */
export function outputProblem(out: string): string | null {
  if (!fs.existsSync(out)) return null;
  if (!fs.statSync(out).isDirectory()) return `${out} already exists; choose another name`;
  if (fs.readdirSync(out).length > 0) return `${out} is not empty; choose a new directory`;
  return null;
}
