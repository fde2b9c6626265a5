/**
 * Starts `node dist/cli.cjs serve PLAN --port 0 --db DB` on a copy of a plan
 * in a temporary directory, reads the URL from its first stdout line, and
 * stops it (SIGTERM, then SIGKILL) afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = join(REPO, 'dist', 'cli.cjs');

export interface Cockpit {
  /** The page URL, with its token. */
  url: string;
  origin: string;
  token: string;
  /** The temporary directory holding the plan copy, the db and the data dir. */
  dir: string;
  planPath: string;
  dbPath: string;
  /** The `serve` process; its stderr is kept for failure messages. */
  proc: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

/** A fresh temporary directory with the example plan and its scripts, laid out as in resources/. */
export function copyExamplePlan(): { dir: string; planPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-'));
  cpSync(join(REPO, 'resources', 'plans', 'example.yaml'), join(dir, 'plans', 'example.yaml'));
  cpSync(join(REPO, 'resources', 'scripts'), join(dir, 'scripts'), { recursive: true });
  return { dir, planPath: join(dir, 'plans', 'example.yaml') };
}

/** A temporary directory with the given files (path -> content). */
export function writePlanDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

/** Serves `planPath` (or no plan, when it is empty) with a database inside `dir`. */
export async function startCockpit(dir: string, planPath: string): Promise<Cockpit> {
  const dbPath = join(dir, 'cockpit.db');
  const args = [CLI, 'serve', ...(planPath ? [planPath] : []), '--port', '0', '--db', dbPath];
  const proc = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, COCKPIT_DATA_DIR: join(dir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += String(d)));
  const firstLine = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve printed nothing in 20 s; stderr:\n${stderr}`)), 20_000);
    const lines = createInterface({ input: proc.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      res(line);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`serve exited with ${code} before printing its URL; stderr:\n${stderr}`));
    });
  });
  const m = /^Release Cockpit at (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))$/.exec(firstLine);
  if (!m) throw new Error(`unexpected first line from serve: ${firstLine}`);
  const url = m[1];
  return {
    url,
    origin: new URL(url).origin,
    token: m[2],
    dir,
    planPath,
    dbPath,
    proc,
    stderr: () => stderr,
    stop: () => stopProcess(proc),
  };
}

async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
