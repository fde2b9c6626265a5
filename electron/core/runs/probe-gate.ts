/** Runs a gate's built-in HTTP probes as a single attempt with a readable transcript as its log. */
import type { AttemptRecord } from './types';
import type { GateVerdict, ScriptGateInput } from './script-gate';

export async function runProbeGate(input: Omit<ScriptGateInput, 'cols' | 'rows'>): Promise<GateVerdict> {
  const { deps, gate, active, emit } = input;
  const runId = active.run.id;
  const logPath = deps.joinPath(active.run.runDir, 'attempt-1.log');
  const startedAt = deps.now();
  const attempt: AttemptRecord = {
    n: 1,
    status: 'running',
    exitCode: null,
    signal: null,
    timedOut: false,
    startedAt,
    endedAt: null,
    durationMs: null,
    logPath,
    logBytes: 0,
  };
  deps.store.addAttempt(runId, attempt);
  emit({ type: 'attempt', runId, gateId: gate.id, attempt });
  const result = await deps.probes.run(
    gate.probe ?? [],
    logPath,
    (line) => emit({ type: 'output', runId, gateId: gate.id, n: 1, chunk: Buffer.from(line) }),
    active.abort.signal,
  );
  const endedAt = deps.now();
  const cancelled = active.abort.signal.aborted;
  const done: AttemptRecord = {
    ...attempt,
    status: cancelled ? 'cancelled' : result.ok ? 'passed' : 'failed',
    exitCode: cancelled ? null : result.ok ? 0 : 1,
    endedAt,
    durationMs: endedAt - startedAt,
    logBytes: result.logBytes,
  };
  deps.store.updateAttempt(runId, 1, done);
  emit({ type: 'attempt', runId, gateId: gate.id, attempt: done });
  if (cancelled) return { status: 'cancelled', reason: 'cancelled' };
  if (!result.ok) return { status: 'failed', reason: result.failures.slice(0, 5).join('; ') };
  return { status: 'passed', reason: null };
}
