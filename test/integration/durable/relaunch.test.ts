/**
 * A cockpit that died after recording a durable attempt but before its
 * wrapper started: the next follower finds no state directory and launches it
 * (the launcher is idempotent), instead of failing the run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../../native/db/sqlite-run-store';
import { DurableExecutor } from '../../../native/durable/durable-executor';
import { DurableStore } from '../../../native/durable/durable-store';
import { tmpDirs } from '../store/tmp';

const tmp = tmpDirs('cockpit-relaunch');

describe('a durable attempt recorded but never launched', () => {
  it('is launched by the next follower and completes', async () => {
    const dir = tmp();
    const store = openRunStore(join(dir, 'c.db'));
    const run = store.createRun({
      planKey: 'p@c', planDigest: 'd', planPath: join(dir, 'p.yaml'), gateId: 'g', gateDigest: 'gd', operator: null,
      target: 'local', durable: true, status: 'running', startedAt: Date.now(), ownerPid: null,
    });
    const logPath = join(run.runDir, 'attempt-1.log');
    store.addAttempt(run.id, { n: 1, status: 'running', exitCode: null, signal: null, timedOut: false, startedAt: 1, endedAt: null, durationMs: null, logPath, logBytes: 0 });
    const durable = new DurableStore(store.db);
    const stateDir = join(run.runDir, 'durable', 'attempt-1');
    durable.create({ runId: run.id, n: 1, hostDef: null, stateDir, startedAt: Date.now(), metricsBase: 0 });
    // It reads the state directory after the attempt is stored, so it keeps it (COCKPIT_KEEP_RUN_DIRS=1 does the same).
    const handle = new DurableExecutor(durable, { keepStateDirs: true }).start({
      command: 'echo "started late: $COCKPIT_GATE"; exit 4', cwd: dir, env: { ...process.env, COCKPIT_GATE: 'g' } as Record<string, string>,
      secrets: [], graceMs: 1000, logPath,
      target: { durable: true, runId: run.id, attempt: 1, label: 'p@c/g/run-1', runDir: run.runDir, metricsPath: run.metricsPath, env: { COCKPIT_GATE: 'g' } },
    });
    const outcome = await handle.done;
    expect(outcome.exitCode).toBe(4);
    expect(readFileSync(logPath, 'utf8')).toContain('started late: g');
    expect(readFileSync(join(stateDir, 'exit_code'), 'utf8').trim()).toBe('4');
    expect(durable.get(run.id, 1)).toMatchObject({ exitCode: 4, logBytes: outcome.logBytes });
    store.close();
  });
});
