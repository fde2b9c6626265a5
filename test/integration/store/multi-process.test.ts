/** Two processes on one database file, and a writer killed with SIGKILL mid-stream. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../../native/db/sqlite-run-store';
import { tmpDirs } from './tmp';

const tmp = tmpDirs('cockpit-procs');
const WRITER = fileURLToPath(new URL('./fixtures/store-writer.ts', import.meta.url));

interface Writer {
  child: ChildProcess;
  /** Run numbers the child reported as committed. */
  committed: number[];
  ready: boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWriter(dbPath: string, gateId: string, count: number, flags: string[] = []): Writer {
  const args = ['--import', 'tsx', WRITER, dbPath, gateId, String(count), ...flags];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const committed: number[] = [];
  const w = { child, committed, ready: false } as Writer;
  let out = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
    const lines = out.split('\n');
    out = lines.pop()!;
    for (const l of lines) {
      if (l === 'ready') w.ready = true;
      else committed.push(Number(l));
    }
  });
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  w.exited = exited;
  return w;
}

async function until(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('one database, several processes', () => {
  it('numbers runs without collisions when two processes create runs of one gate at once', async () => {
    const dbPath = path.join(tmp(), 'shared.db');
    // No file yet: both children also race to create and migrate it.
    const perChild = 150;
    const flags = ['--barrier', '--pause', '1'];
    const [a, b] = [startWriter(dbPath, 'soak', perChild, flags), startWriter(dbPath, 'soak', perChild, flags)];
    await until(() => a.ready && b.ready, 'both writers to open the store');
    a.child.stdin!.write('go\n');
    b.child.stdin!.write('go\n');
    const results = await Promise.all([a.exited, b.exited]);
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });

    expect(a.committed).toHaveLength(perChild);
    expect(b.committed).toHaveLength(perChild);
    const all = [...a.committed, ...b.committed].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 2 * perChild }, (_, i) => i + 1));

    const store = openRunStore(dbPath);
    try {
      const runs = store.listRuns({ gateId: 'soak' });
      expect(runs).toHaveLength(2 * perChild);
      expect(new Set(runs.map((r) => r.runDir)).size).toBe(2 * perChild);
      // The writes really overlapped: each process holds numbers below the other's highest.
      expect(Math.min(...a.committed)).toBeLessThan(Math.max(...b.committed));
      expect(Math.min(...b.committed)).toBeLessThan(Math.max(...a.committed));
    } finally {
      store.close();
    }
  });

  it('survives a writer killed with SIGKILL: integrity ok, committed rows kept', async () => {
    const dbPath = path.join(tmp(), 'crash.db');
    const w = startWriter(dbPath, 'crashy', 0);
    await until(() => w.committed.length >= 300, 'the writer to commit 300 runs');
    w.child.kill('SIGKILL');
    const exit = await w.exited;
    expect(exit.signal).toBe('SIGKILL');
    const reported = w.committed.length;

    // Open the raw file first, as the next app start would, before anything checkpoints.
    const raw = new BetterSqlite3(dbPath);
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
    } finally {
      raw.close();
    }

    const store = openRunStore(dbPath);
    try {
      const runs = store.listRuns({ gateId: 'crashy' });
      expect(runs.length).toBeGreaterThanOrEqual(reported);
      const nos = runs.map((r) => r.runNo).sort((x, y) => x - y);
      expect(nos).toEqual(Array.from({ length: runs.length }, (_, i) => i + 1));
      for (const n of w.committed) {
        const run = store.findRun('crash@rc1', 'crashy', n)!;
        expect(run).not.toBeNull();
        expect(store.attempts(run.id)).toHaveLength(1);
      }
      const next = store.createRun({
        planKey: 'crash@rc1', planDigest: 'd', planPath: '/p.yaml', gateId: 'crashy', gateDigest: 'g',
        operator: null, target: 'local', durable: false, status: 'running', startedAt: Date.now(), ownerPid: null,
      });
      expect(next.runNo).toBe(runs.length + 1);
    } finally {
      store.close();
    }
  });
});
