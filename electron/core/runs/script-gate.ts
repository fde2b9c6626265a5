/**
 * Runs a script gate: `repeat` attempts in a pty, every one of which must
 * pass. The first failing attempt ends the run, because the rest could only
 * repeat a verdict that is already final.
 */
import type { Gate, Plan } from '../plan/types';
import { attemptFailure } from './describe-outcome';
import { compareAttempts, parseJunit, type TestCaseResult } from './junit';
import type { ActiveRun, RunnerDeps, RunnerEvent } from './runner-deps';
import { gateBaseEnv, resolveGateEnv, runSecrets } from './secrets';
import type { AttemptTarget } from './ports';
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
  /** Reattaching after a restart: the run's stored attempts; a `running` one is followed, not started. */
  resume?: AttemptRecord[];
}

/** The attempt's environment (see secrets.ts for what is inherited) and every secret value to mask in its output. */
function childEnv(input: ScriptGateInput, n: number) {
  const { deps, plan, gate, active } = input;
  const resolved = resolveGateEnv(gate.env, deps.processEnv);
  const base = gateBaseEnv(plan, gate, deps.processEnv);
  const own = {
    ...resolved.env,
    COCKPIT_METRICS: active.run.metricsPath,
    COCKPIT_GATE: gate.id,
    COCKPIT_RUN: String(active.run.runNo),
    COCKPIT_ATTEMPT: String(n),
    COCKPIT_ATTEMPTS: String(gate.repeat),
  };
  const env = { ...base, ...own, TERM: 'xterm-256color' };
  return { env, own, secrets: runSecrets(plan, deps.processEnv), missing: resolved.missing };
}

function attemptTarget(input: ScriptGateInput, n: number, own: Record<string, string>): AttemptTarget {
  const { plan, gate, active } = input;
  const run = active.run;
  const target: AttemptTarget = {
    durable: gate.durable,
    runId: run.id,
    attempt: n,
    label: `${run.planKey}/${run.gateId}/run-${run.runNo}`,
    runDir: run.runDir,
    metricsPath: run.metricsPath,
    env: own,
  };
  if (gate.on !== undefined && plan.hosts[gate.on]) target.host = plan.hosts[gate.on];
  return target;
}

/** Where a resumed run picks up: the attempt to follow or start next, or the verdict already reached. */
function resumePoint(attempts: AttemptRecord[] | undefined): { first: number; follow: AttemptRecord | null } | GateVerdict {
  const last = attempts && attempts.length > 0 ? attempts[attempts.length - 1] : undefined;
  if (!last) return { first: 1, follow: null };
  if (last.status === 'running') return { first: last.n, follow: last };
  if (last.status === 'passed') return { first: last.n + 1, follow: null };
  if (last.status === 'cancelled') return { status: 'cancelled', reason: 'cancelled' };
  return { status: 'failed', reason: `attempt ${last.n} ${last.status}` };
}

async function junitResults(input: ScriptGateInput, n: number): Promise<{ cases: TestCaseResult[]; errors: string[] }> {
  const { deps, gate, active } = input;
  if (!gate.junit) return { cases: [], errors: [] };
  const dest = deps.joinPath(active.run.runDir, 'junit', `attempt-${n}`);
  const host = gate.on !== undefined ? input.plan.hosts[gate.on] : undefined;
  const snap = await deps.evidence.snapshot(gate.cwd, gate.junit, dest, host);
  const cases: TestCaseResult[] = [];
  for (const file of snap.files) cases.push(...parseJunit(await deps.reader.readText(file)));
  return { cases, errors: snap.errors };
}

export async function runScriptGate(input: ScriptGateInput): Promise<GateVerdict> {
  const { deps, gate, active, emit } = input;
  const runId = active.run.id;
  const perAttempt: TestCaseResult[][] = [];
  const from = resumePoint(input.resume);
  if ('status' in from) return from;
  for (let n = from.first; n <= gate.repeat; n++) {
    if (active.abort.signal.aborted) return { status: 'cancelled', reason: 'cancelled' };
    const { env, own, secrets, missing } = childEnv(input, n);
    if (missing.length > 0) {
      return { status: 'failed', reason: `secret ${missing.join(', ')} is not set in the environment` };
    }
    const logPath = deps.joinPath(active.run.runDir, `attempt-${n}.log`);
    const followed = from.follow?.n === n ? from.follow : null;
    const attempt: AttemptRecord = followed ?? {
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
    if (!followed) deps.store.addAttempt(runId, attempt);
    emit({ type: 'attempt', runId, gateId: gate.id, attempt });
    const handle = deps.executor.start({
      command: gate.run ?? '',
      cwd: gate.cwd,
      env,
      secrets,
      timeoutMs: gate.timeoutMs,
      graceMs: gate.graceMs,
      logPath: attempt.logPath,
      cols: input.cols,
      rows: input.rows,
      target: attemptTarget(input, n, own),
    });
    active.handle = handle;
    const sub = handle.onData((chunk) => emit({ type: 'output', runId, gateId: gate.id, n, chunk }));
    let linkState: string = 'connected';
    const notices = handle.onNotice?.((notice) => {
      // Every retry is shown; only changes of state go to the (audited) event log.
      emit({ type: 'connection', runId, gateId: gate.id, n, ...notice });
      if (notice.state === linkState) return;
      linkState = notice.state;
      deps.store.appendEvent({ ts: deps.now(), runId, gateId: gate.id, type: `run.${notice.state}`, data: { n, message: notice.message } });
    });
    if (active.abort.signal.aborted) handle.cancel();
    const outcome = await handle.done;
    sub.dispose();
    notices?.dispose();
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
