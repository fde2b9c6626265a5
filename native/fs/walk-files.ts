/**
 * Lists entries under a directory without following directory symlinks, for
 * evidence globbing. Bounded: it stops after `maxEntries` and says so.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';

export interface WalkEntry {
  /** Relative to the walk's root, forward slashes. */
  rel: string;
  abs: string;
  kind: 'file' | 'symlink' | 'other';
}

export interface WalkOptions {
  /** Directory names not entered (e.g. node_modules, .git). */
  skipDirs: ReadonlySet<string>;
  maxEntries: number;
}

export interface WalkResult {
  entries: WalkEntry[];
  errors: string[];
  truncated: boolean;
}

/** `prefix` is prepended to every `rel` (the walk root's path relative to cwd). */
export async function walkFiles(root: string, prefix: string, opts: WalkOptions): Promise<WalkResult> {
  const entries: WalkEntry[] = [];
  const errors: string[] = [];
  let seen = 0;
  const stack: Array<{ abs: string; rel: string }> = [{ abs: root, rel: prefix }];
  while (stack.length) {
    const dir = stack.pop()!;
    let dirents;
    try {
      dirents = await fsp.readdir(dir.abs, { withFileTypes: true });
    } catch (err) {
      errors.push(`cannot read directory ${dir.rel || '.'}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      continue;
    }
    for (const d of dirents) {
      if (++seen > opts.maxEntries) return { entries, errors, truncated: true };
      const abs = path.join(dir.abs, d.name);
      const rel = dir.rel ? `${dir.rel}/${d.name}` : d.name;
      // Dirent types come from lstat semantics: a symlink to a directory is a symlink, never entered.
      if (d.isDirectory()) {
        if (!opts.skipDirs.has(d.name)) stack.push({ abs, rel });
      } else {
        entries.push({ rel, abs, kind: d.isFile() ? 'file' : d.isSymbolicLink() ? 'symlink' : 'other' });
      }
    }
  }
  return { entries, errors, truncated: false };
}
