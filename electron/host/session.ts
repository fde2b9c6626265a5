/**
 * One cockpit session: the open plan, its runs and the clients watching.
 * Both transports (Electron IPC and the loopback WebSocket) route requests
 * here; every client gets the same events. Runs continue in the background:
 * starting one returns as soon as it is recorded.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Plan } from '../core/plan/types';
import type { PlanStatus } from '../core/runs/plan-status';
import type { RunnerEvent } from '../core/runs/runner-deps';
import { isFinal } from '../core/runs/types';
import type { EventChannel, EventPayloads, PlanView, Settings } from '../contract/contract';
import { CockpitError, planError } from '../core/errors';
import type { MetricsQueries } from '../core/metrics/queries';
import { MetricsRelay } from './metrics/metrics-relay';
import { noticeForRun, thresholdNotice } from './runs/notices';
import { formatPlanErrors, toPlanView } from './plans/plan-view';
import { RecentPlans } from './plans/recent-plans';
import { appResultSigner } from './release/app-result-signer';
import { defaultOperator, SessionRuns, type ResultSigner } from './runs/runs-service';
import { TerminalStream } from './terminal/terminal-stream';
import type { KeyVault } from './identity/key-vault';
import { releaseStatusOf } from './release/status';
import type { Services } from './ports';
import { SessionIdentity } from './identity/identity-service';
import { SessionRelease } from './release/release-service';

export type EventSink = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void;

export interface SessionOptions {
  services: Services;
  mode: Settings['mode'];
  version: string;
  /** Where recent-plans.json lives; the database's directory by default. */
  dataDir?: string;
  operator?: string | null;
  identity?: Settings['identity'];
  stream?: TerminalStream;
  /** Identities: key files in `<data dir>/keys` (shared with the CLI); sealed by the OS in the desktop app. */
  keys: KeyVault;
}

export interface SessionClient {
  readonly id: string;
  dispose(): void;
}

interface OpenPlan {
  plan: Plan;
  view: PlanView;
  stamp: string;
}

function stampOf(file: string): string {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export class CockpitSession {
  readonly stream: TerminalStream;
  readonly runs: SessionRuns;
  readonly metrics: MetricsQueries;
  /** Identities, sign-offs, waivers, verification and the ceremony. */
  readonly release: SessionRelease;
  private readonly identity: SessionIdentity;
  private readonly metricsRelay: MetricsRelay;
  private readonly clients = new Map<string, EventSink>();
  private readonly recent: RecentPlans;
  private readonly dataDir: string;
  private open: OpenPlan | null = null;
  private nextClient = 1;
  private readonly runnerSub: { dispose(): void };

  constructor(private readonly opts: SessionOptions) {
    this.stream = opts.stream ?? new TerminalStream();
    this.dataDir = opts.dataDir ?? dirname(resolve(opts.services.dbPath));
    this.recent = new RecentPlans(join(this.dataDir, 'recent-plans.json'));
    this.runs = new SessionRuns({
      services: opts.services,
      operator: opts.operator ?? null,
      plan: () => this.requirePlan(),
      notify: (n) => this.broadcast('notice', n),
    });
    this.metrics = opts.services.metrics;
    this.metricsRelay = new MetricsRelay({
      notify: (n) => this.broadcast('notice', n),
      update: (u) => this.broadcast('metrics.update', u),
      titleOf: (id) => this.open?.plan.gates.find((g) => g.id === id)?.title ?? id,
    });
    this.runnerSub = opts.services.runner.on((e) => this.onRunnerEvent(e));
    this.identity = new SessionIdentity(opts.keys, this.dataDir);
    this.release = new SessionRelease({
      services: opts.services,
      identity: this.identity,
      plan: () => this.requirePlan(),
      planOrNull: () => {
        this.refreshPlan(false);
        return this.open?.plan ?? null;
      },
      fallbackActor: opts.operator ?? defaultOperator(),
      changed: (e) => this.broadcast('release.updated', e),
    });
  }

  /** A client receives every event; live output only for runs it watches. */
  connect(sink: EventSink): SessionClient {
    const id = `client-${this.nextClient++}`;
    this.clients.set(id, sink);
    this.stream.addViewer(id, (payload) => sink('run.output', payload));
    return {
      id,
      dispose: () => {
        this.clients.delete(id);
        this.stream.removeViewer(id);
      },
    };
  }

  currentPlan(): PlanView | null {
    this.refreshPlan(false);
    return this.open?.view ?? null;
  }

  openPlan(path: string): PlanView {
    const file = resolve(path);
    const result = this.opts.services.io.plans.load(file);
    if (!result.ok) throw planError(formatPlanErrors(result.diagnostics), result.diagnostics, result.missing);
    this.setPlan(result.plan);
    this.recent.add(result.plan.file);
    return this.open!.view;
  }

  recentPlans(): string[] {
    return this.recent.list();
  }

  status(): PlanStatus | null {
    this.refreshPlan(false);
    if (!this.open) return null;
    // Sign-offs, waivers (a failed gate validly waived is `waived`) and ceremony blockers.
    return releaseStatusOf(this.opts.services, this.open.plan);
  }

  settings(): Settings {
    return {
      dataDir: this.dataDir,
      dbPath: resolve(this.opts.services.dbPath),
      mode: this.opts.mode,
      version: this.opts.version,
      identity: this.currentIdentity(),
    };
  }

  private currentIdentity(): Settings['identity'] {
    try {
      const me = this.identity.current(this.open?.plan ?? null);
      return me ? { name: me.signer?.name ?? me.name, keyId: me.keyId } : (this.opts.identity ?? null);
    } catch {
      return this.opts.identity ?? null;
    }
  }

  /** Runs a gate; with `sign`, as the identity in use, signing its result when it ends. */
  async runGate(input: { gateId: string; cols?: number; rows?: number; sign?: boolean; passphrase?: string }) {
    const signer = input.sign ? await this.resultSigner(input.passphrase) : undefined;
    try {
      return await this.runs.start(input.gateId, { cols: input.cols, rows: input.rows }, signer);
    } catch (err) {
      signer?.release();
      throw err;
    }
  }

  /** Runs every gate in order; with `sign`, as the identity in use. */
  async runAll(input: { sign?: boolean; passphrase?: string }): Promise<{ started: boolean }> {
    const signer = input.sign ? await this.resultSigner(input.passphrase) : undefined;
    try {
      return this.runs.startAll(signer);
    } catch (err) {
      signer?.release();
      throw err;
    }
  }

  /** Unlocks the identity in use before anything runs, so a wrong passphrase costs nothing. */
  private async resultSigner(passphrase: string | undefined): Promise<ResultSigner> {
    const plan = this.requirePlan();
    return appResultSigner(this.opts.services, plan, await this.identity.unlock(passphrase, plan));
  }

  /** Stops new work, cancels non-durable runs, waits for them, closes the store. */
  async shutdown(graceMs = 20_000): Promise<void> {
    await this.runs.stop(graceMs);
    this.runnerSub.dispose();
    this.metricsRelay.close();
    this.stream.close();
    for (const id of [...this.clients.keys()]) this.clients.delete(id);
    this.opts.services.close();
  }

  /** The open plan, re-read if its file changed on disk; errors when none is open. */
  requirePlan(): Plan {
    this.refreshPlan(true);
    if (!this.open) throw new CockpitError('no-plan', 'No plan is open. Open a plan file first.');
    return this.open.plan;
  }

  private setPlan(plan: Plan): void {
    this.open = { plan, view: toPlanView(plan), stamp: stampOf(plan.file) };
    this.broadcast('plan.changed', this.open.view);
  }

  /** Picks up edits to the open plan file. An edit that breaks it is an error only when `strict`. */
  private refreshPlan(strict: boolean): void {
    if (!this.open) return;
    const stamp = stampOf(this.open.plan.file);
    if (stamp === this.open.stamp) return;
    const result = this.opts.services.io.plans.load(this.open.plan.file);
    if (result.ok) {
      this.setPlan(result.plan);
      return;
    }
    if (strict) throw planError(formatPlanErrors(result.diagnostics), result.diagnostics);
  }

  private onRunnerEvent(e: RunnerEvent): void {
    if (this.metricsRelay.handle(e)) return;
    switch (e.type) {
      case 'output':
        this.stream.push(e.runId, e.gateId, e.n, e.chunk);
        return;
      case 'attempt':
        this.broadcast('run.attempt', { runId: e.runId, gateId: e.gateId, attempt: e.attempt });
        return;
      case 'threshold':
        this.broadcast('notice', thresholdNotice(e.gateId, e.verdict, e.abort));
        return;
      case 'metrics':
        return; // no contract event carries live metrics yet
      case 'connection':
        // A durable/remote run's link dropped or came back; the run itself stays `running`.
        this.broadcast('notice', {
          level: e.state === 'reconnecting' ? 'warning' : 'info',
          title: `${e.state === 'reconnecting' ? 'Reconnecting' : 'Reconnected'}: ${e.gateId}`,
          body: e.message,
          gateId: e.gateId,
        });
        return;
      case 'run': {
        this.broadcast('run.updated', e.run);
        if (!isFinal(e.run.status)) return;
        this.stream.endRun(e.run.id);
        const title = this.open?.plan.gates.find((g) => g.id === e.run.gateId)?.title ?? e.run.gateId;
        const notice = noticeForRun(e.run, title);
        if (notice) this.broadcast('notice', notice);
      }
    }
  }

  private broadcast<E extends EventChannel>(event: E, payload: EventPayloads[E]): void {
    for (const sink of [...this.clients.values()]) {
      try {
        sink(event, payload);
      } catch {
        // One broken client must not starve the others.
      }
    }
  }
}
