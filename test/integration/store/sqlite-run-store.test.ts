import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewRun } from '../../../electron/core/runs/ports';
import type { AttemptRecord } from '../../../electron/core/runs/types';
import { openRunStore, type SqliteRunStore } from '../../../native/db/sqlite-run-store';
import { tmpDirs } from './tmp';

const tmp = tmpDirs('cockpit-store');
const open: SqliteRunStore[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function store(dbPath = path.join(tmp(), 'c.db')): SqliteRunStore {
  const s = openRunStore(dbPath);
  open.push(s);
  return s;
}

function newRun(over: Partial<NewRun> = {}): NewRun {
  return {
    planKey: 'sonia-stack@release-candidate-1',
    planDigest: 'sha256:plan',
    planPath: '/plans/release.yaml',
    gateId: 'go-no-go',
    gateDigest: 'sha256:gate',
    operator: 'Ada Ops',
    target: 'local',
    durable: false,
    status: 'running',
    startedAt: 1_700_000_000_000,
    ownerPid: 4242,
    ...over,
  };
}

function attempt(n: number, over: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    n, status: 'running', exitCode: null, signal: null, timedOut: false,
    startedAt: 1_700_000_000_000 + n, endedAt: null, durationMs: null, logPath: `/logs/a${n}.log`, logBytes: 0,
    ...over,
  };
}

describe('SqliteRunStore', () => {
  it('saves plans idempotently by digest', () => {
    const s = store();
    expect(s.planSource('sha256:x')).toBeNull();
    s.savePlan({ digest: 'sha256:x', planKey: 'k@c', path: '/a.yaml', source: 'version: 1\n' });
    s.savePlan({ digest: 'sha256:x', planKey: 'k@c', path: '/moved.yaml', source: 'ignored' });
    expect(s.planSource('sha256:x')).toBe('version: 1\n');
  });

  it('creates runs with every field, a run directory and a metrics path', () => {
    const dbPath = path.join(tmp(), 'x.db');
    const s = store(dbPath);
    const run = s.createRun(newRun({ durable: true, reason: 'because', target: 'soak-box' }));
    expect(run).toEqual({
      id: expect.any(Number),
      planKey: 'sonia-stack@release-candidate-1',
      planDigest: 'sha256:plan',
      planPath: '/plans/release.yaml',
      gateId: 'go-no-go',
      gateDigest: 'sha256:gate',
      runNo: 1,
      status: 'running',
      reason: 'because',
      operator: 'Ada Ops',
      operatorKeyId: null,
      target: 'soak-box',
      durable: true,
      startedAt: 1_700_000_000_000,
      endedAt: null,
      ownerPid: 4242,
      runDir: `${dbPath}.files/runs/sonia-stack@release-candidate-1/go-no-go/run-1`,
      metricsPath: `${dbPath}.files/runs/sonia-stack@release-candidate-1/go-no-go/run-1/metrics.jsonl`,
    });
    expect(fs.statSync(run.runDir).isDirectory()).toBe(true);
    expect(s.getRun(run.id)).toEqual(run);
    expect(s.getRun(run.id + 100)).toBeNull();
  });

  it('keeps unsafe plan keys and gate ids inside the runs directory, distinct', () => {
    const dbPath = path.join(tmp(), 'x.db');
    const s = store(dbPath);
    const a = s.createRun(newRun({ planKey: '../../etc@x', gateId: 'a/b' }));
    const b = s.createRun(newRun({ planKey: '.._.._etc@x', gateId: 'a_b' }));
    const runsDir = `${dbPath}.files/runs/`;
    for (const r of [a, b]) expect(path.resolve(r.runDir).startsWith(runsDir)).toBe(true);
    expect(a.runDir).not.toBe(b.runDir);
    expect(a.runNo).toBe(1);
    expect(b.runNo).toBe(1);
  });

  it('numbers runs per (plan, gate)', () => {
    const s = store();
    const nos = [
      s.createRun(newRun({ gateId: 'a' })).runNo,
      s.createRun(newRun({ gateId: 'a' })).runNo,
      s.createRun(newRun({ gateId: 'b' })).runNo,
      s.createRun(newRun({ gateId: 'a' })).runNo,
      s.createRun(newRun({ gateId: 'a', planKey: 'other@rc' })).runNo,
    ];
    expect(nos).toEqual([1, 2, 1, 3, 1]);
    expect(s.findRun('sonia-stack@release-candidate-1', 'a')?.runNo).toBe(3);
    expect(s.findRun('sonia-stack@release-candidate-1', 'a', 2)?.runNo).toBe(2);
    expect(s.findRun('sonia-stack@release-candidate-1', 'a', 9)).toBeNull();
    expect(s.findRun('sonia-stack@release-candidate-1', 'zzz')).toBeNull();
  });

  it('updates only the fields in a patch, writing explicit nulls', () => {
    const s = store();
    const run = s.createRun(newRun({ reason: 'old' }));
    s.updateRun(run.id, { status: 'failed', endedAt: 1_700_000_005_000 });
    expect(s.getRun(run.id)).toMatchObject({ status: 'failed', reason: 'old', endedAt: 1_700_000_005_000, ownerPid: 4242 });
    s.updateRun(run.id, { reason: null, ownerPid: null });
    expect(s.getRun(run.id)).toMatchObject({ status: 'failed', reason: null, ownerPid: null, endedAt: 1_700_000_005_000 });
    expect(() => s.updateRun(run.id + 1, { status: 'passed' })).toThrow(/not found/);
  });

  it('returns the latest run of each gate of a plan', () => {
    const s = store();
    s.createRun(newRun({ gateId: 'a' }));
    const a2 = s.createRun(newRun({ gateId: 'a', status: 'passed' }));
    const b1 = s.createRun(newRun({ gateId: 'b', status: 'failed' }));
    s.createRun(newRun({ gateId: 'c', planKey: 'other@rc' }));
    const latest = s.latestRuns('sonia-stack@release-candidate-1');
    expect([...latest.keys()].sort()).toEqual(['a', 'b']);
    expect(latest.get('a')).toEqual(a2);
    expect(latest.get('b')).toEqual(b1);
    expect(s.latestRuns('nobody@x').size).toBe(0);
  });

  it('lists runs newest first with filters and a limit, and finds running ones', () => {
    const s = store();
    const r1 = s.createRun(newRun({ gateId: 'a' }));
    const r2 = s.createRun(newRun({ gateId: 'b' }));
    const r3 = s.createRun(newRun({ gateId: 'a', planKey: 'p2@c' }));
    s.updateRun(r2.id, { status: 'passed' });
    expect(s.listRuns({}).map((r) => r.id)).toEqual([r3.id, r2.id, r1.id]);
    expect(s.listRuns({ gateId: 'a' }).map((r) => r.id)).toEqual([r3.id, r1.id]);
    expect(s.listRuns({ planKey: 'p2@c' }).map((r) => r.id)).toEqual([r3.id]);
    expect(s.listRuns({ status: 'passed' }).map((r) => r.id)).toEqual([r2.id]);
    expect(s.listRuns({ limit: 1 }).map((r) => r.id)).toEqual([r3.id]);
    expect(s.runningRuns().map((r) => r.id)).toEqual([r1.id, r3.id]);
  });

  it('round-trips attempts and patches them', () => {
    const s = store();
    const run = s.createRun(newRun());
    s.addAttempt(run.id, attempt(2));
    s.addAttempt(run.id, attempt(1, { status: 'passed', exitCode: 0, endedAt: 5, durationMs: 4, logBytes: 10 }));
    expect(s.attempts(run.id)).toEqual([
      attempt(1, { status: 'passed', exitCode: 0, endedAt: 5, durationMs: 4, logBytes: 10 }),
      attempt(2),
    ]);
    s.updateAttempt(run.id, 2, { status: 'failed', exitCode: null, signal: 'SIGKILL', timedOut: true, logBytes: 99 });
    expect(s.attempts(run.id)[1]).toEqual(
      attempt(2, { status: 'failed', signal: 'SIGKILL', timedOut: true, logBytes: 99 }),
    );
    expect(() => s.addAttempt(run.id, attempt(1))).toThrow(/UNIQUE|PRIMARY/);
    expect(() => s.addAttempt(run.id + 50, attempt(1))).toThrow(/FOREIGN KEY/);
    expect(() => s.updateAttempt(run.id, 7, { logBytes: 1 })).toThrow(/not found/);
  });

  it('round-trips evidence sorted by path, replacing a path collected again', () => {
    const s = store();
    const run = s.createRun(newRun());
    s.addEvidence(run.id, [
      { path: 'reports/b.xml', sha256: 'b'.repeat(64), size: 2 },
      { path: 'artifacts/a.json', sha256: 'a'.repeat(64), size: 1 },
    ]);
    s.addEvidence(run.id, [{ path: 'reports/b.xml', sha256: 'c'.repeat(64), size: 3 }]);
    expect(s.evidence(run.id)).toEqual([
      { path: 'artifacts/a.json', sha256: 'a'.repeat(64), size: 1 },
      { path: 'reports/b.xml', sha256: 'c'.repeat(64), size: 3 },
    ]);
    expect(s.evidence(run.id + 1)).toEqual([]);
  });

  it('appends events with ids and JSON data, and pages through them', () => {
    const s = store();
    const run = s.createRun(newRun());
    const data = { nested: { list: [1, 'two', null], ok: true }, text: 'ünïcødé "quoted"' };
    const e1 = s.appendEvent({ ts: 1, runId: run.id, gateId: 'go-no-go', type: 'attempt.started', data });
    const e2 = s.appendEvent({ ts: 2, runId: null, gateId: null, type: 'plan.loaded', data: {} });
    const e3 = s.appendEvent({ ts: 3, runId: run.id, gateId: 'go-no-go', type: 'run.ended', data: { status: 'passed' } });
    expect(e1.id).toBeLessThan(e2.id!);
    expect(s.events({})).toEqual([e1, e2, e3]);
    expect(s.events({ runId: run.id })).toEqual([e1, e3]);
    expect(s.events({ afterId: e1.id })).toEqual([e2, e3]);
    expect(s.events({ limit: 2 })).toEqual([e1, e2]);
    expect(s.events({})[0].data).toEqual(data);
  });

  it('sees writes of another connection to the same file', () => {
    const dbPath = path.join(tmp(), 'shared.db');
    const a = store(dbPath);
    const b = store(dbPath);
    const nos = [];
    for (let i = 0; i < 5; i++) {
      nos.push(a.createRun(newRun()).runNo, b.createRun(newRun()).runNo);
    }
    expect(nos).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(a.findRun('sonia-stack@release-candidate-1', 'go-no-go')?.runNo).toBe(10);
  });
});
