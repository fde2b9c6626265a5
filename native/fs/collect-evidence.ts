/**
 * Collects a gate's evidence files: matches globs under its cwd, refuses
 * anything that resolves outside it, and stores each file in the blob store.
 * Problems are returned as messages (the runner fails the gate with them);
 * this never throws for a bad file or pattern.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { EvidenceItem } from '../../electron/core/runs/types';
import { checkEvidencePattern, isInside } from '../../electron/core/runs/evidence-rules';
import type { BlobRef } from './blob-store';
import { walkFiles, type WalkEntry } from './walk-files';

export interface BlobSink {
  put(filePath: string): Promise<BlobRef>;
}

export interface CollectOptions {
  /** Entries visited before giving up with an error (default 100 000). */
  maxEntries?: number;
}

export interface CollectResult {
  items: EvidenceItem[];
  errors: string[];
}

const HEAVY_DIRS = ['node_modules', '.git'];

export async function collectEvidence(
  cwd: string,
  globs: readonly string[],
  blobs: BlobSink,
  options: CollectOptions = {},
): Promise<CollectResult> {
  const errors: string[] = [];
  const found = new Map<string, EvidenceItem>();
  let realCwd: string;
  try {
    realCwd = await fsp.realpath(cwd);
  } catch (err) {
    return { items: [], errors: [`cannot collect evidence: working directory ${cwd} is missing (${code(err)})`] };
  }
  const ctx: Ctx = { cwd, realCwd, blobs, errors, found, maxEntries: options.maxEntries ?? 100_000 };

  for (const glob of globs) {
    const bad = checkEvidencePattern(glob);
    if (bad) errors.push(bad);
    else if (picomatch.scan(glob).isGlob) await collectGlob(ctx, glob);
    else await collectExact(ctx, glob);
  }
  const items = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { items, errors };
}

interface Ctx {
  cwd: string;
  realCwd: string;
  blobs: BlobSink;
  errors: string[];
  found: Map<string, EvidenceItem>;
  maxEntries: number;
}

async function collectExact(ctx: Ctx, glob: string): Promise<void> {
  const rel = path.posix.normalize(glob.replace(/\\/g, '/')).replace(/\/+$/, '');
  const entry: WalkEntry = { rel, abs: path.join(ctx.cwd, rel), kind: 'other' };
  try {
    const st = await fsp.lstat(entry.abs);
    entry.kind = st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other';
  } catch (err) {
    ctx.errors.push(code(err) === 'ENOENT' ? `evidence file not found: ${glob}` : `cannot read evidence ${glob}: ${code(err)}`);
    return;
  }
  await collectEntry(ctx, entry, true);
}

async function collectGlob(ctx: Ctx, glob: string): Promise<void> {
  const { base } = picomatch.scan(glob);
  const segments = glob.split('/');
  const skipDirs = new Set(HEAVY_DIRS.filter((d) => !segments.includes(d)));
  const root = path.join(ctx.cwd, base);
  try {
    const realRoot = await fsp.realpath(root);
    if (!isInside(ctx.realCwd, realRoot)) {
      ctx.errors.push(`evidence pattern ${glob}: ${base} points outside the working directory (to ${realRoot})`);
      return;
    }
  } catch (err) {
    if (code(err) === 'ENOENT') ctx.errors.push(`no evidence matched ${glob} (${base} does not exist)`);
    else ctx.errors.push(`cannot read evidence directory ${base}: ${code(err)}`);
    return;
  }

  const walk = await walkFiles(root, base, { skipDirs, maxEntries: ctx.maxEntries });
  ctx.errors.push(...walk.errors);
  if (walk.truncated) {
    ctx.errors.push(
      `evidence search for ${glob} stopped after ${ctx.maxEntries} entries under ${ctx.cwd}; use a narrower pattern`,
    );
    return;
  }
  const isMatch = picomatch(glob);
  let matched = 0;
  for (const entry of walk.entries) {
    if (!isMatch(entry.rel)) continue;
    if (await collectEntry(ctx, entry, false)) matched++;
  }
  if (matched === 0) ctx.errors.push(`no evidence matched ${glob}`);
}

/**
 * Checks one match and stores it. Returns false only when the match is not
 * evidence at all (a directory or device found by a wildcard), so the caller
 * can tell "matched nothing" from "matched and rejected".
 */
async function collectEntry(ctx: Ctx, entry: WalkEntry, named: boolean): Promise<boolean> {
  if (ctx.found.has(entry.rel)) return true;
  let real: string;
  try {
    real = await fsp.realpath(entry.abs);
  } catch (err) {
    const target = entry.kind === 'symlink' ? await fsp.readlink(entry.abs).catch(() => '?') : '';
    ctx.errors.push(
      entry.kind === 'symlink'
        ? `evidence symlink ${entry.rel} is broken (points to ${target})`
        : `cannot read evidence ${entry.rel}: ${code(err)}`,
    );
    return true;
  }
  if (!isInside(ctx.realCwd, real)) {
    ctx.errors.push(
      entry.kind === 'symlink'
        ? `evidence symlink ${entry.rel} points outside the working directory (to ${real})`
        : `evidence ${entry.rel} resolves outside the working directory (to ${real})`,
    );
    return true;
  }
  const st = await fsp.stat(real).catch(() => null);
  if (!st || !st.isFile()) {
    // Never read a FIFO or device: it could block the runner forever.
    if (named) {
      const hint = st?.isDirectory() ? ` (a directory; use a pattern such as ${entry.rel}/**)` : '';
      ctx.errors.push(`evidence ${entry.rel} is not a regular file${hint}`);
    }
    return named;
  }
  try {
    const ref = await ctx.blobs.put(real);
    ctx.found.set(entry.rel, { path: entry.rel, sha256: ref.sha256, size: ref.size });
  } catch (err) {
    ctx.errors.push(`cannot store evidence ${entry.rel}: ${code(err)}`);
  }
  return true;
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}
