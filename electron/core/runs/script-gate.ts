/**
 * Runs a script gate: `repeat` attempts in a pty, every one of which must
 * pass. The first failing attempt ends the run, because the rest could only
 * repeat a verdict that is already final.
 */
import type { Gate, Plan } from '../plan/types';
import { attemptFailure } from './describe-outcome';
import { compareAttempts, parseJunit, type TestCaseResult } from './junit';
import type { ActiveRun, RunnerDeps, RunnerEvent } from './runner-deps';
import { resolveGateEnv } from './secrets';
import type { AttemptRecord, GateStatus } from './types';

export interface GateVerdict {
  status: GateStatus;
  reason: string | null;
}

export interface ScriptGateInput {
  deps: RunnerDeps;
  plan: Plan;
  gate: Gate;
  active: ActiveRun;
  emit: (e: RunnerEvent) => void;
  cols?: number;
  rows?: number;
}

function childEnv(input: ScriptGateInput, n: number) {
  const { deps, gate, active } = input;
  const resolved = resolveGateEnv(gate.env, deps.processEnv);
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(deps.processEnv)) if (v !== undefined) base[k] = v;
  const env = {
    ...base,
    ...resolved.env,
    COCKPIT_METRICS: active.run.metricsPath,
    COCKPIT_GATE: gate.id,
    COCKPIT_RUN: String(active.run.runNo),
    COCKPIT_ATTEMPT: String(n),
    COCKPIT_ATTEMPTS: String(gate.repeat),
    TERM: 'xterm-256color',
  };
  return { env, secrets: resolved.secrets, missing: resolved.missing };
}

async function junitResults(input: ScriptGateInput, n: number): Promise<{ cases: TestCaseResult[]; errors: string[] }> {
  const { deps, gate, active } = input;
  if (!gate.junit) return { cases: [], errors: [] };
  const dest = deps.joinPath(active.run.runDir, 'junit', `attempt-${n}`);
  const snap = await deps.evidence.snapshot(gate.cwd, gate.junit, dest);
  const cases: TestCaseResult[] = [];
  for (const file of snap.files) cases.push(...parseJunit(await deps.reader.readText(file)));
  return { cases, errors: snap.errors };
}

export async function runScriptGate(input: ScriptGateInput): Promise<GateVerdict> {
  const { deps, gate, active, emit } = input;
  const runId = active.run.id;
  const perAttempt: TestCaseResult[][] = [];
  for (let n = 1; n <= gate.repeat; n++) {
    if (active.abort.signal.aborted) return { status: 'cancelled', reason: 'cancelled' };
    const { env, secrets, missing } = childEnv(input, n);
    if (missing.length > 0) {
      return { status: 'failed', reason: `secret ${missing.join(', ')} is not set in the environment` };
    }
    const logPath = deps.joinPath(active.run.runDir, `attempt-${n}.log`);
    const attempt: AttemptRecord = {
      n,
      status: 'running',
      exitCode: null,
      signal: null,
      timedOut: false,
      startedAt: deps.now(),
      endedAt: null,
      durationMs: null,
      logPath,
      logBytes: 0,
    };
    deps.store.addAttempt(runId, attempt);
    emit({ type: 'attempt', runId, gateId: gate.id, attempt });
    const handle = deps.executor.start({
      command: gate.run ?? '',
      cwd: gate.cwd,
      env,
      secrets,
      timeoutMs: gate.timeoutMs,
      graceMs: gate.graceMs,
      logPath,
      cols: input.cols,
      rows: input.rows,
    });
    active.handle = handle;
    const sub = handle.onData((chunk) => emit({ type: 'output', runId, gateId: gate.id, n, chunk }));
    if (active.abort.signal.aborted) handle.cancel();
    const outcome = await handle.done;
    sub.dispose();
    active.handle = null;
    const failure = attemptFailure(outcome, n, gate.repeat, gate.timeoutMs);
    const done: AttemptRecord = {
      ...attempt,
      status: outcome.cancelled ? 'cancelled' : failure ? 'failed' : 'passed',
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      timedOut: outcome.timedOut,
      startedAt: outcome.startedAt,
      endedAt: outcome.endedAt,
      durationMs: outcome.durationMs,
      logBytes: outcome.logBytes,
    };
    deps.store.updateAttempt(runId, n, done);
    emit({ type: 'attempt', runId, gateId: gate.id, attempt: done });
    if (outcome.cancelled) return { status: 'cancelled', reason: 'cancelled' };
    if (failure) return { status: 'failed', reason: failure };
    if (gate.junit) {
      const junit = await junitResults(input, n);
      if (junit.errors.length > 0) return { status: 'failed', reason: junit.errors.join('; ') };
      perAttempt.push(junit.cases);
    }
  }
  if (gate.determinism) {
    const report = compareAttempts(perAttempt);
    if (!report.ok) {
      return { status: 'failed', reason: `not deterministic: ${report.differences.slice(0, 5).join('; ')}` };
    }
  }
  return { status: 'passed', reason: null };
}
