/**
 * After a crash, runs still marked `running` whose owning process is gone are
 * interrupted: nothing will ever finish them. Durable runs are skipped here;
 * their own wrapper keeps running and is reattached instead.
 */
import type { RunStore } from './ports';
import type { RunRecord } from './types';

export interface RecoverDeps {
  store: RunStore;
  isAlive: (pid: number) => boolean;
  /** Size of a log file on disk: everything flushed before the crash is kept. */
  sizeOf: (path: string) => number;
  now: () => number;
  selfPid: number;
}

export function recoverInterrupted(deps: RecoverDeps): RunRecord[] {
  const recovered: RunRecord[] = [];
  for (const run of deps.store.runningRuns()) {
    if (run.durable) continue;
    const owner = run.ownerPid;
    if (owner !== null && (owner === deps.selfPid || deps.isAlive(owner))) continue;
    for (const a of deps.store.attempts(run.id)) {
      if (a.status !== 'running') continue;
      deps.store.updateAttempt(run.id, a.n, {
        status: 'interrupted',
        logBytes: deps.sizeOf(a.logPath),
        endedAt: deps.now(),
      });
    }
    const reason = `the cockpit process (pid ${owner ?? '?'}) stopped while the gate was running`;
    deps.store.updateRun(run.id, { status: 'interrupted', reason, endedAt: deps.now() });
    deps.store.appendEvent({
      ts: deps.now(),
      runId: run.id,
      gateId: run.gateId,
      type: 'run.interrupted',
      data: { runNo: run.runNo, reason },
    });
    recovered.push({ ...run, status: 'interrupted', reason });
  }
  return recovered;
}
