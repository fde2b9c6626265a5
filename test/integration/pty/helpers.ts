/** Shared helpers for the real-pty integration tests (POSIX only). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttemptHandle, AttemptOutcome, AttemptSpec } from '../../../electron/core/runs/ports';
import { LocalPtyExecutor } from '../../../native/pty/local-executor';

export const posixOnly = process.platform === 'win32';

export function makeTmp(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `cockpit-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C', ...extra };
}

export interface Captured {
  handle: AttemptHandle;
  outcome: AttemptOutcome;
  log: Buffer;
  live: Buffer;
}

let counter = 0;

/** Starts an attempt with defaults, collects the live stream, waits for it to end. */
export async function runAttempt(
  dir: string,
  command: string,
  spec: Partial<AttemptSpec> = {},
  onStart?: (handle: AttemptHandle, live: Buffer[]) => void,
): Promise<Captured> {
  const logPath = spec.logPath ?? join(dir, 'logs', `attempt-${++counter}.log`);
  const handle = new LocalPtyExecutor().start({
    command,
    cwd: dir,
    env: baseEnv(),
    secrets: [],
    graceMs: 500,
    ...spec,
    logPath,
  });
  const live: Buffer[] = [];
  handle.onData((chunk) => live.push(Buffer.from(chunk)));
  onStart?.(handle, live);
  const outcome = await handle.done;
  return { handle, outcome, log: readFileSync(logPath), live: Buffer.concat(live) };
}

/** True if the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false; // ps exits 1 when there is no such process
  }
}

export function readPids(file: string): number[] {
  return readFileSync(file, 'utf8')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
}

export function countByte(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i !== -1; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}
