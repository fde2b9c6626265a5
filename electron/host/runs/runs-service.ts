/**
 * Starting, cancelling and reading runs for a session. A start returns once
 * the run is recorded; the gate keeps running in the background and its
 * progress reaches clients as events.
 */
import { hostname, userInfo } from 'node:os';
import type { Plan } from '../../core/plan/types';
import { planKeyOf, type PlanRunner } from '../../core/runs/plan-runner';
import type { RunStore } from '../../core/runs/ports';
import { isFinal, type GateStatus, type RunRecord } from '../../core/runs/types';
import type { EventPayloads, LogSlice, RunDetail } from '../../contract/contract';
import { CockpitError } from '../../core/errors';
import { readLogSlice } from './log-slice';

export interface RunsServiceDeps {
  services: { store: RunStore; runner: PlanRunner };
  operator: string | null;
  /** The open plan (fresh from disk); throws when none is open. */
  plan: () => Plan;
  notify: (notice: EventPayloads['notice']) => void;
  /** Unlocks the identity in use and returns the signer of results made as it (the app's `run --key`). */
  signer: (passphrase: string | undefined) => Promise<ResultSigner>;
}

/** Who runs the gates, with a key to sign each finished result (the app's `run --key`). */
export interface ResultSigner {
  /** The plan's name for the key (the key's own name otherwise). */
  operator: string;
  operatorKeyId: string;
  sign(run: RunRecord): Promise<void>;
  /** The runs are over: forget the key. */
  release(): void;
}

export function defaultOperator(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `unknown@${hostname()}`;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

export class RunsService {
  private readonly inflight = new Map<Promise<unknown>, { durable: boolean }>();
  private allRunning = false;
  private closing = false;

  constructor(private readonly deps: RunsServiceDeps) {}

  /** Runs a gate; with `sign`, as the identity in use, its result signed when it ends (the key is unlocked first). */
  async run(input: { gateId: string; cols?: number; rows?: number; sign?: boolean; passphrase?: string }) {
    const signer = input.sign ? await this.deps.signer(input.passphrase) : undefined;
    try {
      return await this.start(input.gateId, { cols: input.cols, rows: input.rows }, signer);
    } catch (err) {
      signer?.release();
      throw err;
    }
  }

  /** Runs every gate in order; with `sign`, as the identity in use. */
  async runAll(input: { sign?: boolean; passphrase?: string }): Promise<{ started: boolean }> {
    const signer = input.sign ? await this.deps.signer(input.passphrase) : undefined;
    try {
      return this.startAll(signer);
    } catch (err) {
      signer?.release();
      throw err;
    }
  }

  active(): RunRecord[] {
    return this.deps.services.runner.activeRuns();
  }

  async start(
    gateId: string,
    size: { cols?: number; rows?: number } = {},
    signer?: ResultSigner,
  ): Promise<{ runId: number; runNo: number; status: GateStatus }> {
    const plan = this.deps.plan();
    const gate = plan.gates.find((g) => g.id === gateId);
    if (!gate) {
      throw new CockpitError('not-found', `No gate "${gateId}" in ${plan.file}; its gates are: ${plan.gates.map((g) => g.id).join(', ')}`);
    }
    this.refuseWhenClosing();
    const key = planKeyOf(plan);
    if (this.active().some((r) => r.planKey === key && r.gateId === gateId)) {
      throw new CockpitError('conflict', `Gate "${gateId}" is already running.`);
    }
    const { run, done } = this.deps.services.runner.runGate(plan, gateId, { ...this.operatorOf(signer), cols: size.cols, rows: size.rows });
    this.track(signer ? this.signing(done, signer) : done, gate.durable, gateId);
    return { runId: run.id, runNo: run.runNo, status: run.status };
  }

  /** Runs every gate in dependency order, in the background. */
  startAll(signer?: ResultSigner): { started: boolean } {
    const plan = this.deps.plan();
    this.refuseWhenClosing();
    if (this.allRunning) {
      signer?.release();
      return { started: false };
    }
    const key = planKeyOf(plan);
    const busy = this.active().filter((r) => r.planKey === key);
    if (busy.length > 0) {
      signer?.release();
      throw new CockpitError('conflict', `Wait for ${busy.map((r) => `"${r.gateId}"`).join(', ')} to finish (or cancel) before running all gates.`);
    }
    this.allRunning = true;
    // The core's one run-all loop; a cancelled run ends it, as does shutting down.
    const loop = this.deps.services.runner
      .runPlan(plan, { ...this.operatorOf(signer), stop: () => this.closing, afterRun: signer && ((run) => this.signOne(run, signer)) })
      .finally(() => {
        this.allRunning = false;
        signer?.release();
      });
    this.track(loop, false, 'all gates');
    return { started: true };
  }

  /** Cancels a run; a run-all in progress then starts no further gates. */
  cancel(runId: number): { cancelled: boolean } {
    return { cancelled: this.deps.services.runner.cancel(runId) };
  }

  get(runId: number): RunDetail {
    const store = this.deps.services.store;
    const run = store.getRun(runId);
    if (!run) throw new CockpitError('not-found', `No run with id ${runId}.`);
    return { run, attempts: store.attempts(runId) };
  }

  list(filter: { gateId?: string; status?: GateStatus; limit?: number }, planKey: string | null): RunRecord[] {
    return this.deps.services.store.listRuns({ ...filter, planKey: planKey ?? undefined, limit: filter.limit ?? 100 });
  }

  log(runId: number, attemptNo: number, offset?: number, limit?: number): LogSlice {
    const { run, attempts } = this.get(runId);
    const attempt = attempts.find((a) => a.n === attemptNo);
    if (!attempt) throw new CockpitError('not-found', `Run #${run.runNo} of "${run.gateId}" has no attempt ${attemptNo}.`);
    return readLogSlice(attempt.logPath, offset, limit);
  }

  /** For shutdown: no new runs, cancel the non-durable ones and wait for them (bounded). */
  async stop(graceMs: number): Promise<void> {
    this.closing = true;
    for (const run of this.active()) if (!run.durable) this.deps.services.runner.cancel(run.id);
    const waits = [...this.inflight].filter(([, info]) => !info.durable).map(([p]) => p);
    await Promise.race([Promise.allSettled(waits), sleep(graceMs)]);
  }

  private operatorOf(signer: ResultSigner | undefined): { operator: string | null; operatorKeyId?: string } {
    return signer ? { operator: signer.operator, operatorKeyId: signer.operatorKeyId } : { operator: this.deps.operator };
  }

  /** Signs one gate's result once it ends, then forgets the key. */
  private async signing(done: Promise<RunRecord>, signer: ResultSigner): Promise<RunRecord> {
    try {
      const run = await done;
      await this.signOne(run, signer);
      return run;
    } finally {
      signer.release();
    }
  }

  /** Signs a final run's result; a failure to sign is reported, never a failed run. */
  private async signOne(run: RunRecord, signer: ResultSigner): Promise<void> {
    if (!isFinal(run.status) || run.status === 'blocked') return;
    try {
      await signer.sign(run);
    } catch (err) {
      this.deps.notify({
        level: 'error',
        title: `Could not sign the result of ${run.gateId}`,
        body: `Run #${run.runNo}: ${(err as Error).message}`,
        gateId: run.gateId,
      });
    }
  }

  private refuseWhenClosing(): void {
    if (this.closing) throw new CockpitError('conflict', 'The cockpit is shutting down; no new runs start.');
  }

  private track(p: Promise<unknown>, durable: boolean, what: string): void {
    this.inflight.set(p, { durable });
    p.then(
      () => this.inflight.delete(p),
      (err: unknown) => {
        this.inflight.delete(p);
        if (this.closing) return;
        const message = err instanceof Error ? err.message : String(err);
        this.deps.notify({ level: 'error', title: `Could not run ${what}`, body: message });
      },
    );
  }
}
