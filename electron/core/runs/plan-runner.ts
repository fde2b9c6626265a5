/**
 * Runs a plan's gates in dependency order and records everything in the store.
 * A gate whose needs have not passed is recorded as blocked and not run.
 * Several gates may run at once (the UI allows it); one gate runs at most once
 * at a time.
 */
import { CockpitError } from '../errors';
import { topoOrder } from '../plan/graph';
import type { Gate, Plan } from '../plan/types';
import { gateState, unmetNeeds } from './effective-status';
import type { Disposable } from './ports';
import { runProbeGate } from './probe-gate';
import { linkRunMetrics } from './run-metrics';
import type { ActiveRun, RunnerDeps, RunnerEvent } from './runner-deps';
import { runScriptGate, type GateVerdict } from './script-gate';
import type { AttemptRecord, GateStatus, RunRecord } from './types';

export interface RunOptions {
  /** Gate ids to run; all gates when empty or omitted. */
  gates?: string[];
  operator?: string | null;
  /** Key id of the operator's identity, recorded with the run (`run --key`). */
  operatorKeyId?: string | null;
  cols?: number;
  rows?: number;
}

/** A run-all: the one loop over a plan's gates, for the CLI and the app alike. */
export interface PlanRunOptions extends RunOptions {
  /** After each run ends and before the next starts (the app signs its result here). */
  afterRun?: (run: RunRecord) => Promise<void>;
  /** Asked before each gate: true stops the loop (the app is shutting down). */
  stop?: () => boolean;
}

/** A run as it starts: recorded already; `done` settles when it ends (never, for a durable run detached). */
export interface StartedRun {
  run: RunRecord;
  done: Promise<RunRecord>;
}

export function planKeyOf(plan: Pick<Plan, 'release' | 'candidate'>): string {
  return `${plan.release}@${plan.candidate}`;
}

export class PlanRunner {
  private readonly listeners = new Set<(e: RunnerEvent) => void>();
  private readonly active = new Map<number, ActiveRun>();
  private stopping = false;

  constructor(private readonly deps: RunnerDeps) {}

  on(listener: (e: RunnerEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  activeRuns(): RunRecord[] {
    return [...this.active.values()].map((a) => a.run);
  }

  /** Current status of a gate: this process's live runs first, then the store. */
  statusOf(plan: Plan, gateId: string): GateStatus {
    const gate = plan.gates.find((g) => g.id === gateId);
    if (!gate) return 'not-run';
    const key = planKeyOf(plan);
    const latest = this.deps.store.findRun(key, gateId) ?? undefined;
    return gateState(gate, latest, () => this.deps.store.listRuns({ planKey: key, gateId })).status;
  }

  /**
   * Runs the plan's gates (or those in `opts.gates`) one at a time in
   * dependency order. It stops before the next gate once a run is cancelled,
   * `cancelAll` was called, or `opts.stop()` says so; a gate already running
   * here (started on its own) is left to that run.
   */
  async runPlan(plan: Plan, opts: PlanRunOptions = {}): Promise<RunRecord[]> {
    this.stopping = false;
    const wanted = opts.gates && opts.gates.length > 0 ? new Set(opts.gates) : null;
    const key = planKeyOf(plan);
    const results: RunRecord[] = [];
    for (const gate of topoOrder(plan.gates)) {
      if (wanted && !wanted.has(gate.id)) continue;
      if (this.stopping || opts.stop?.()) break;
      if (this.activeRuns().some((r) => r.planKey === key && r.gateId === gate.id)) continue;
      const run = await this.runGate(plan, gate.id, opts).done;
      await opts.afterRun?.(run);
      results.push(run);
      if (run.status === 'cancelled') break;
    }
    return results;
  }

  /** Records the run at once and returns it, with a promise of its end; throws if the gate is unknown or running. */
  runGate(plan: Plan, gateId: string, opts: RunOptions = {}): StartedRun {
    const gate = plan.gates.find((g) => g.id === gateId);
    if (!gate) throw new CockpitError('not-found', `no gate "${gateId}" in ${plan.file}`);
    const key = planKeyOf(plan);
    if (this.activeRuns().some((r) => r.planKey === key && r.gateId === gateId)) {
      throw new CockpitError('conflict', `gate "${gateId}" is already running`);
    }
    const { store, now, ownerPid } = this.deps;
    store.savePlan({ digest: plan.digest, planKey: key, path: plan.file, source: plan.source });
    const blocked = unmetNeeds(gate, (id) => this.statusOf(plan, id));
    const run = store.createRun({
      planKey: key,
      planDigest: plan.digest,
      planPath: plan.file,
      gateId,
      gateDigest: gate.digest,
      operator: opts.operator ?? null,
      operatorKeyId: opts.operatorKeyId ?? null,
      target: gate.on ?? 'local',
      durable: gate.durable,
      status: blocked ? 'blocked' : 'running',
      reason: blocked,
      startedAt: now(),
      ownerPid,
    });
    this.recordEvent(run, blocked ? 'run.blocked' : 'run.start', { reason: blocked });
    if (blocked) {
      store.updateRun(run.id, { endedAt: now() });
      const ended = this.publish(run.id);
      return { run: ended, done: Promise.resolve(ended) };
    }
    return { run, done: this.drive(plan, gate, run, opts) };
  }

  /**
   * Takes over a durable run left `running` by a process that is gone (the
   * caller has claimed it): its running attempt is followed, not restarted;
   * further attempts, evidence and thresholds then proceed as in runGate.
   */
  async resumeRun(plan: Plan, run: RunRecord, opts: RunOptions = {}): Promise<RunRecord> {
    const gate = plan.gates.find((g) => g.id === run.gateId);
    if (!gate) throw new Error(`no gate "${run.gateId}" in ${plan.file}`);
    if (this.active.has(run.id)) throw new Error(`run #${run.runNo} of "${run.gateId}" is already followed here`);
    this.recordEvent(run, 'run.reattach', { ownerPid: this.deps.ownerPid });
    this.deps.metrics?.forget?.(run.id);
    return this.drive(plan, gate, run, opts, this.deps.store.attempts(run.id));
  }

  private async drive(plan: Plan, gate: Gate, run: RunRecord, opts: RunOptions, resume?: AttemptRecord[]): Promise<RunRecord> {
    const { store, now } = this.deps;
    this.emit({ type: 'run', run });
    const active: ActiveRun = { run, handle: null, abort: new AbortController() };
    this.active.set(run.id, active);
    let verdict: GateVerdict;
    // Once detached (this process is going away), a durable run's late events are not ours to record.
    const metrics = linkRunMetrics({
      deps: this.deps,
      gate,
      active,
      emit: (e) => active.detached || this.emit(e),
      record: (type, data) => active.detached || this.recordEvent(run, type, data),
      cancel: () => this.cancel(run.id),
    });
    active.detachMetrics = () => metrics.detach();
    try {
      verdict = await this.execute(plan, gate, active, opts, resume);
    } catch (err) {
      verdict = { status: 'failed', reason: `internal error: ${(err as Error).message}` };
    }
    try {
      verdict = await metrics.finish(verdict);
    } finally {
      this.active.delete(run.id);
    }
    store.updateRun(run.id, { status: verdict.status, reason: verdict.reason, endedAt: now() });
    this.recordEvent(run, 'run.end', { status: verdict.status, reason: verdict.reason });
    return this.publish(run.id);
  }

  /** Cancels one run: its attempt's process tree gets TERM, then KILL. */
  cancel(runId: number): boolean {
    const active = this.active.get(runId);
    if (!active) return false;
    active.abort.abort();
    active.handle?.cancel();
    return true;
  }

  /**
   * This process is going away: stop following durable runs without ending
   * them. They keep running on their targets, stay `running` in the store,
   * and the next cockpit (or `attach`) reattaches. Their `runGate` promises
   * never settle. Returns the runs left behind.
   */
  detachDurable(): RunRecord[] {
    const left: RunRecord[] = [];
    for (const active of this.active.values()) {
      if (!active.run.durable) continue;
      active.detached = true;
      active.handle?.detach?.();
      active.detachMetrics?.();
      left.push(active.run);
    }
    return left;
  }

  /** Cancels everything running and stops runPlan from starting more gates. */
  cancelAll(): void {
    this.stopping = true;
    for (const id of this.active.keys()) this.cancel(id);
  }

  private async execute(plan: Plan, gate: Gate, active: ActiveRun, opts: RunOptions, resume?: AttemptRecord[]): Promise<GateVerdict> {
    const input = { deps: this.deps, plan, gate, active, emit: (e: RunnerEvent) => this.emit(e) };
    const verdict = gate.probe
      ? await runProbeGate(input)
      : await runScriptGate({ ...input, cols: opts.cols, rows: opts.rows, resume });
    if (verdict.status === 'cancelled' || gate.evidence.length === 0) return verdict;
    const host = gate.on !== undefined ? plan.hosts[gate.on] : undefined;
    const collected = await this.deps.evidence.collect(gate.cwd, gate.evidence, host);
    this.deps.store.addEvidence(active.run.id, collected.items);
    if (collected.errors.length > 0 && verdict.status === 'passed') {
      return { status: 'failed', reason: collected.errors.join('; ') };
    }
    return verdict;
  }

  private publish(runId: number): RunRecord {
    const run = this.deps.store.getRun(runId);
    if (!run) throw new Error(`run ${runId} vanished from the store`);
    this.emit({ type: 'run', run });
    return run;
  }

  private recordEvent(run: RunRecord, type: string, data: Record<string, unknown>): void {
    this.deps.store.appendEvent({
      ts: this.deps.now(),
      runId: run.id,
      gateId: run.gateId,
      type,
      data: { runNo: run.runNo, gateDigest: run.gateDigest, operator: run.operator, ...(run.operatorKeyId ? { operatorKeyId: run.operatorKeyId } : {}), ...data },
    });
  }

  private emit(e: RunnerEvent): void {
    for (const l of this.listeners) l(e);
  }
}
