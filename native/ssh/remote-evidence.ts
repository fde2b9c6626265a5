/**
 * Fetches a remote gate's evidence over ssh into a local staging directory,
 * with the same path rules as local collection: patterns must be relative and
 * stay inside the gate's cwd, and every match's real path (symlinks resolved
 * on the host) must be inside the cwd's real path. One ssh call lists the
 * candidates with their real paths; a second streams the accepted files as a
 * tar into `tar -x` here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { checkEvidencePattern, isInside } from '../../electron/core/runs/evidence-rules';
import type { HostDef } from '../../electron/core/plan/types';
import { dirExpr } from './shell-quote';
import { SshShell, type ShellTransport } from './shell-transport';

export interface Fetched {
  /** Local directory mirroring the cwd's accepted files. */
  staging: string;
  /** Accepted paths, relative to the cwd. */
  files: string[];
  errors: string[];
}

interface Entry {
  rel: string;
  real: string;
  isFile: boolean;
  isLink: boolean;
}

const MAX_ENTRIES = 100_000;

function listScript(cwd: string, prune: boolean): string {
  const skip = prune ? `\\( -name node_modules -o -name .git \\) -prune -o` : '';
  return `cd 2>/dev/null; cd ${dirExpr(cwd)} 2>/dev/null || { echo "cannot enter the working directory ${cwd.replace(/[^\w./~ -]/g, '?')}" >&2; exit 3; }
printf 'R\\0%s\\0' "$(pwd -P)"
for b; do
  if [ -e "$b" ] || [ -L "$b" ]; then
    find "$b" ${skip} \\( -type f -o -type l \\) -exec sh -c 'for p; do r=$(readlink -f -- "$p" 2>/dev/null); t=o; [ -f "$p" ] && t=f; [ -L "$p" ] && t="\${t}l"; printf "F\\0%s\\0%s\\0%s\\0" "$p" "$r" "$t"; done' sh {} +
  fi
done`;
}

function parseList(out: Buffer): { root: string; entries: Entry[] } {
  const parts = out.toString('utf8').split('\0');
  let root = '';
  const entries: Entry[] = [];
  for (let i = 0; i < parts.length; ) {
    if (parts[i] === 'R') {
      root = parts[i + 1];
      i += 2;
    } else if (parts[i] === 'F') {
      const rel = path.posix.normalize(parts[i + 1]).replace(/^\.\//, '');
      entries.push({ rel, real: parts[i + 2], isFile: parts[i + 3].startsWith('f'), isLink: parts[i + 3].endsWith('l') });
      i += 4;
    } else i++;
  }
  return { root, entries };
}

function check(e: Entry, root: string, named: boolean, errors: string[]): boolean {
  if (e.real === '') {
    errors.push(e.isLink ? `evidence symlink ${e.rel} is broken` : `cannot read evidence ${e.rel}`);
    return false;
  }
  if (!isInside(root, e.real, path.posix)) {
    errors.push(e.isLink
      ? `evidence symlink ${e.rel} points outside the working directory (to ${e.real})`
      : `evidence ${e.rel} resolves outside the working directory (to ${e.real})`);
    return false;
  }
  if (!e.isFile) {
    if (named) errors.push(`evidence ${e.rel} is not a regular file`);
    return false;
  }
  return true;
}

export class RemoteEvidence {
  constructor(private readonly shellFor: (host: HostDef) => ShellTransport = (h) => new SshShell(h)) {}

  async fetch(cwd: string, globs: readonly string[], host: HostDef): Promise<Fetched> {
    const shell = this.shellFor(host);
    const staging = mkdtempSync(path.join(tmpdir(), 'cockpit-evidence-'));
    const errors: string[] = [];
    const good = globs.filter((g) => {
      const bad = checkEvidencePattern(g);
      if (bad) errors.push(bad);
      return !bad;
    });
    if (good.length === 0) return { staging, files: [], errors };
    const bases = good.map((g) => (picomatch.scan(g).isGlob ? picomatch.scan(g).base || '.' : g));
    const prune = !good.some((g) => /(^|\/)(node_modules|\.git)(\/|$)/.test(g));
    const listed = await shell.run(listScript(cwd, prune), bases, { timeoutMs: 120_000 });
    if (listed.code !== 0) {
      const why = (await shell.failure(listed)) ?? (listed.stderr.trim() || `exit ${listed.code}`);
      return { staging, files: [], errors: [...errors, `cannot collect evidence on host "${host.name}": ${why}`] };
    }
    const { root, entries } = parseList(listed.stdout);
    if (entries.length > MAX_ENTRIES) errors.push(`evidence search stopped after ${MAX_ENTRIES} entries under ${cwd}; use a narrower pattern`);
    const accepted = new Set<string>();
    for (const g of good) {
      const glob = picomatch.scan(g).isGlob;
      const rel = path.posix.normalize(g).replace(/\/+$/, '');
      const isMatch = glob ? picomatch(g) : (p: string) => p === rel;
      const hits = entries.slice(0, MAX_ENTRIES).filter((e) => isMatch(e.rel));
      for (const e of hits) if (check(e, root, !glob, errors)) accepted.add(e.rel);
      if (hits.length === 0) errors.push(glob ? `no evidence matched ${g}` : `evidence file not found: ${g}`);
    }
    const files = [...accepted].sort();
    if (files.length > 0) {
      const problem = await this.copy(shell, cwd, files, staging);
      if (problem) return { staging, files: [], errors: [...errors, `cannot fetch evidence from host "${host.name}": ${problem}`] };
    }
    return { staging, files, errors };
  }

  /** `tar -ch` on the host (symlinks inside the cwd are followed, as locally) into `tar -x` here. */
  private copy(shell: ShellTransport, cwd: string, files: string[], staging: string): Promise<string | null> {
    return new Promise((resolve) => {
      const remote = shell.spawn(`cd 2>/dev/null; cd ${dirExpr(cwd)} && exec tar -chf - -- "$@"`, files);
      const local = spawn('tar', ['-xf', '-', '-C', staging], { stdio: ['pipe', 'ignore', 'pipe'] });
      let err = '';
      remote.stderr?.on('data', (b: Buffer) => (err += b.toString('utf8')));
      local.stderr?.on('data', (b: Buffer) => (err += b.toString('utf8')));
      remote.stdout?.pipe(local.stdin);
      remote.stdin?.end();
      let left = 2;
      let failed = false;
      const done = (code: number | null) => {
        if (code !== 0) failed = true;
        if (--left === 0) resolve(failed ? err.trim().slice(0, 500) || 'tar failed' : null);
      };
      remote.on('close', done);
      local.on('close', done);
      local.on('error', (e) => (err += e.message));
    });
  }
}
