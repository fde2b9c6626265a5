/** Checks shared by the crash and reconnect tests: database integrity, leftover and zombie processes. */
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import Database from 'better-sqlite3';

export function integrityOk(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? 'no answer';
  } finally {
    db.close();
  }
}

export interface Proc {
  pid: number;
  ppid: number;
  stat: string;
  args: string;
}

/** `ps -eo pid,ppid,stat,args`, parsed. */
export function processes(): Proc[] {
  const text = execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  return text.split('\n').filter((l) => l.trim()).map((l) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(l)!;
    return { pid: Number(m[1]), ppid: Number(m[2]), stat: m[3], args: m[4] };
  }).filter((p) => p.pid !== process.pid);
}

function cwdOf(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return '';
  }
}

/**
 * Processes whose command line mentions one of `markers` (a test's unique
 * directory, release name or port) or that run inside one of them, and
 * zombies left under any of those or under this test process.
 */
export function leftovers(...markers: string[]): { stray: Proc[]; zombies: Proc[] } {
  const all = processes();
  const stray = all.filter((p) => !p.stat.startsWith('Z') && markers.some((m) => p.args.includes(m) || cwdOf(p.pid).startsWith(m)));
  const parents = new Set([process.pid, ...stray.map((p) => p.pid)]);
  return { stray, zombies: all.filter((p) => p.stat.startsWith('Z') && parents.has(p.ppid)) };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `fn` returns a value (not undefined/false) or the time is up. */
export async function waitFor<T>(fn: () => T | undefined | false | null, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Metric points the metrics ingestion stored for one metric (all runs of the database). */
export function storedPoints(dbPath: string, metric: string): number[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT p.value FROM metric_points p JOIN metric_series s ON s.id = p.series_id WHERE s.metric = ? ORDER BY p.value')
      .all(metric) as { value: number }[];
    return rows.map((r) => r.value);
  } finally {
    db.close();
  }
}
