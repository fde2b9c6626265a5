/** The store's event log is the audit chain: written with each event, one chain per plan, never forked. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../electron/core/signoff/audit-chain';
import { openRunStore } from '../../../native/db/sqlite-run-store';
import { createRunTables } from '../../../native/db/schema/001-runs';
import { tmpDirs } from './tmp';

const tmp = tmpDirs('cockpit-audit');
const WRITER = fileURLToPath(new URL('./fixtures/store-writer.ts', import.meta.url));

function writer(db: string, gate: string, count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, db, gate, String(count), '--barrier'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const ready = new Promise<void>((resolve) => child.stdout.on('data', () => out.startsWith('ready') && resolve()));
  const done = new Promise<{ code: number | null; err: string }>((resolve) => child.on('close', (code) => resolve({ code, err })));
  return { child, ready, done };
}

describe('audit chain in the store', () => {
  it('chains every event of a plan, separately per plan', () => {
    const store = openRunStore(path.join(tmp(), 'c.db'));
    const mk = (planKey: string) => store.createRun({
      planKey, planDigest: 'd', planPath: '/p', gateId: 'g', gateDigest: 'x', operator: 'op', target: 'local',
      durable: false, status: 'running', startedAt: 1, ownerPid: null,
    });
    const a = mk('a@1');
    const b = mk('b@1');
    for (let i = 0; i < 5; i++) {
      store.appendEvent({ ts: 1000 + i, runId: a.id, gateId: 'g', type: 'run.start', data: { i, odd: Number.NaN } });
      store.appendEvent({ ts: 2000 + i, runId: b.id, gateId: 'g', type: 'run.start', data: { i } });
    }
    store.appendEvent({ ts: 3000, runId: null, gateId: null, type: 'bundle.signed', data: {}, planKey: 'a@1', actor: 'Mia' });
    const chainA = store.audit.events('a@1');
    expect(chainA).toHaveLength(6);
    expect(store.audit.events('b@1')).toHaveLength(5);
    expect(verifyChain(chainA).ok).toBe(true);
    expect(chainA[5]).toMatchObject({ seq: 6, type: 'bundle.signed', actor: 'Mia', prev: chainA[4].hash });
    expect(chainA[0].data).toMatchObject({ gate: 'g', runId: a.id, i: 0, odd: null });
    store.close();
  });

  it('concurrent writers (two processes) never fork the chain', async () => {
    const db = path.join(tmp(), 'c.db');
    openRunStore(db).close();
    const writers = [writer(db, 'one', 60), writer(db, 'two', 60)];
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin.write('go\n');
    const results = await Promise.all(writers.map((w) => w.done));
    for (const r of results) expect(r.code, r.err).toBe(0);
    const store = openRunStore(db);
    const chain = store.audit.events('crash@rc1');
    expect(chain).toHaveLength(120);
    expect(verifyChain(chain)).toEqual({ ok: true, errors: [] });
    expect(new Set(chain.map((e) => e.seq)).size).toBe(120);
    store.close();
  });

  it('migration 2 chains the events written before it, in order', () => {
    const file = path.join(tmp(), 'old.db');
    const raw = new BetterSqlite3(file);
    createRunTables(raw);
    raw.pragma('user_version = 1');
    raw.prepare(`INSERT INTO runs (plan_key, plan_digest, plan_path, gate_id, gate_digest, run_no, status, target, started_at, run_dir, metrics_path)
                 VALUES ('old@1', 'd', '/p', 'g', 'x', 1, 'passed', 'local', 1, '/r', '/m')`).run();
    for (let i = 0; i < 3; i++) raw.prepare('INSERT INTO events (ts, run_id, gate_id, type, data) VALUES (?, 1, ?, ?, ?)').run(i, 'g', `e${i}`, '{}');
    raw.close();
    const store = openRunStore(file);
    const chain = store.audit.events('old@1');
    expect(chain.map((e) => e.type)).toEqual(['e0', 'e1', 'e2']);
    expect(verifyChain(chain).ok).toBe(true);
    store.close();
  });
});
