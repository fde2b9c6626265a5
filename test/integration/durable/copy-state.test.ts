/**
 * The copy's crash rule, without processes: a crash between appending to the
 * local log and committing the offsets leaves extra bytes; the next copy cuts
 * them off and re-reads from the committed offset, so the log ends up exactly
 * the masked target output, also when a secret straddles the commit point.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretMasker } from '../../../electron/core/runs/secret-mask';
import { openRunStore } from '../../../native/db/sqlite-run-store';
import { CopyState } from '../../../native/durable/copy-state';
import { DurableStore } from '../../../native/durable/durable-store';
import { tmpDirs } from '../store/tmp';

const tmp = tmpDirs('cockpit-copy');

function setup() {
  const dir = tmp();
  const store = openRunStore(join(dir, 'c.db'));
  const run = store.createRun({
    planKey: 'p@c', planDigest: 'd', planPath: '/p.yaml', gateId: 'g', gateDigest: 'gd', operator: null,
    target: 'local', durable: true, status: 'running', startedAt: 1, ownerPid: null,
  });
  const logPath = join(run.runDir, 'attempt-1.log');
  store.addAttempt(run.id, { n: 1, status: 'running', exitCode: null, signal: null, timedOut: false, startedAt: 1, endedAt: null, durationMs: null, logPath, logBytes: 0 });
  const durable = new DurableStore(store.db);
  durable.create({ runId: run.id, n: 1, hostDef: null, stateDir: dir, startedAt: 1, metricsBase: 0 });
  return { store, durable, run, logPath, metricsPath: join(dir, 'm.jsonl') };
}

describe('durable copy offsets', () => {
  it('resumes exactly after a crash between append and commit, secrets straddling the cut', async () => {
    const secret = 'hunter2-secret';
    const target = Buffer.from(`a: ${secret}\nb: hunter2-sec`.padEnd(40, '.') + `c: ${secret} end\n`);
    const { store, durable, run, logPath, metricsPath } = setup();
    const masker = createSecretMasker([secret]);
    const expected = Buffer.concat([masker.push(target), masker.flush()]);
    const remoteMetrics = Buffer.from('{"v":1}\n{"v":2}\n');

    const first = new CopyState(durable, durable.get(run.id, 1)!, logPath, [secret], metricsPath);
    first.takeLog(0, target.subarray(0, 30)); // ends inside a secret-looking prefix: the masker holds it
    first.commit();
    first.takeLog(30, target.subarray(30, 50)); // appended, never committed: the "crash"
    first.takeMetrics(0, remoteMetrics.subarray(0, 13));
    (first as unknown as { log: { flush(): void } }).log.flush();
    const row = durable.get(run.id, 1)!;
    expect(row.logOffset).toBeLessThan(30);
    expect(readFileSync(logPath).length).toBeGreaterThan(row.logBytes);
    expect(store.attempts(run.id)[0].logBytes).toBe(row.logBytes);

    const second = new CopyState(durable, row, logPath, [secret], metricsPath);
    expect(readFileSync(logPath).length).toBe(row.logBytes);
    expect(second.metricsAt).toBe(13);
    second.takeLog(row.logOffset - 3, target.subarray(row.logOffset - 3)); // overlap is dropped, not repeated
    second.takeMetrics(8, remoteMetrics.subarray(8)); // overlap again: dropped
    second.flushMasker();
    await second.close();
    expect(readFileSync(logPath).equals(expected)).toBe(true);
    expect(readFileSync(logPath).includes(secret)).toBe(false);
    expect(readFileSync(metricsPath, 'utf8')).toBe('{"v":1}\n{"v":2}\n');
    expect(durable.get(run.id, 1)!.logBytes).toBe(readFileSync(logPath).length);
    expect(existsSync(logPath)).toBe(true);
    store.close();
  });

  it('refuses a gap rather than writing a hole', () => {
    const { durable, run, logPath, store } = setup();
    const copy = new CopyState(durable, durable.get(run.id, 1)!, logPath, [], null);
    expect(() => copy.takeLog(5, Buffer.from('x'))).toThrow(/expected 0/);
    store.close();
  });
});
