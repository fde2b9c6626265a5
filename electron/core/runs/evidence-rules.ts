/**
 * Rules for evidence paths, shared by plan validation and collection:
 * evidence must stay inside the gate's working directory.
 */
import path from 'node:path';

/** Why an evidence pattern is not allowed, or null when it is fine. */
export function checkEvidencePattern(glob: string): string | null {
  if (glob.trim() === '') return 'evidence pattern is empty';
  if (glob.startsWith('!')) return `evidence pattern ${glob} is negated; list the files to collect instead`;
  if (/^[A-Za-z]:/.test(glob)) return `evidence pattern ${glob} has a drive letter; use a path relative to the gate's cwd`;
  if (glob.startsWith('/') || glob.startsWith('\\')) {
    return `evidence pattern ${glob} is absolute; use a path relative to the gate's cwd`;
  }
  if (glob.split(/[\\/]+/).includes('..')) {
    return `evidence pattern ${glob} contains '..'; evidence must stay inside the gate's cwd`;
  }
  return null;
}

/**
 * True when `candidate` is `root` or lies beneath it. Compares whole path
 * segments, so `/a/bc` is not inside `/a/b`. Both should be real paths.
 */
export function isInside(root: string, candidate: string, p: path.PlatformPath = path): boolean {
  const rel = p.relative(p.resolve(root), p.resolve(candidate));
  if (rel === '') return true;
  return rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel);
}
