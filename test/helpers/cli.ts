/** Runs the bundled CLI as a user would, and makes throwaway plan directories. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.cjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const res = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 512 * 1024 * 1024,
  });
  return {
    code: res.status ?? -1,
    stdout: res.stdout.toString('utf8'),
    stderr: res.stderr.toString('utf8'),
    stdoutBytes: res.stdout,
  };
}

/** The same, without blocking the test's event loop (for tests that watch processes meanwhile). */
export function runCliAsync(args: string[], opts: { env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...opts.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      done({ code: code ?? -1, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes });
    });
  });
}

export interface Workspace {
  dir: string;
  db: string;
  write(rel: string, text: string): string;
  cleanup(): void;
}

export function workspace(prefix = 'cockpit-cli-'): Workspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    db: join(dir, 'state', 'cockpit.db'),
    write(rel, text) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** True when the text looks like a Node stack trace: users must never see one. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+\(.+:\d+:\d+\)/.test(text) || /^\s+at /m.test(text);
}
