/**
 * One cockpit session: the host's feature modules, wired, and the clients
 * they talk to. Both transports (the utility process's port and the loopback
 * WebSocket) route requests to the modules through handlers.ts; every
 * client gets the same events. This file only wires; each module owns its
 * slice of the contract.
 */
import { dirname, resolve } from 'node:path';
import type { MetricsQueries } from '../core/metrics/queries';
import type { Disposable } from '../core/runs/ports';
import type { Settings } from '../contract/contract';
import { ClientRegistry, type EventSink, type SessionClient } from './clients';
import { IdentityService } from './identity/identity-service';
import type { KeyVault } from './identity/key-vault';
import { MetricsRelay } from './metrics/metrics-relay';
import { PlanService } from './plans/plan-service';
import type { Services } from './ports';
import { appResultSigner } from './release/app-result-signer';
import { ReleaseService } from './release/release-service';
import { runnerRelayOf } from './runs/runner-relay';
import { defaultOperator, RunsService } from './runs/runs-service';
import { TerminalStream } from './terminal/terminal-stream';

export type { EventSink, SessionClient } from './clients';

export interface SessionOptions {
  services: Services;
  mode: Settings['mode'];
  version: string;
  /** Where recent-plans.json and identity.json live; the database's directory by default. */
  dataDir?: string;
  operator?: string | null;
  identity?: Settings['identity'];
  stream?: TerminalStream;
  /** Identities: key files in `<data dir>/keys` (shared with the CLI); sealed by the OS in the desktop app. */
  keys: KeyVault;
}

export class CockpitSession {
  readonly stream: TerminalStream;
  readonly clients: ClientRegistry;
  readonly plans: PlanService;
  readonly runs: RunsService;
  readonly metrics: MetricsQueries;
  readonly identity: IdentityService;
  readonly release: ReleaseService;
  private readonly dataDir: string;
  private readonly metricsRelay: MetricsRelay;
  private readonly runnerSub: Disposable;

  constructor(private readonly opts: SessionOptions) {
    const { services } = opts;
    this.stream = opts.stream ?? new TerminalStream();
    this.clients = new ClientRegistry(this.stream);
    const broadcast = this.clients.broadcast;
    this.dataDir = opts.dataDir ?? dirname(resolve(services.dbPath));
    this.plans = new PlanService({ load: services.io.plans.load, dataDir: this.dataDir, broadcast });
    this.identity = new IdentityService(opts.keys, this.dataDir);
    this.metrics = services.metrics;
    this.runs = new RunsService({
      services,
      operator: opts.operator ?? null,
      plan: () => this.plans.require(),
      notify: (n) => broadcast('notice', n),
      signer: async (passphrase) => {
        const plan = this.plans.require();
        return appResultSigner(services, plan, await this.identity.unlock(passphrase, plan));
      },
    });
    this.release = new ReleaseService({
      services,
      identity: this.identity,
      plan: () => this.plans.require(),
      planOrNull: () => this.plans.plan(),
      fallbackActor: opts.operator ?? defaultOperator(),
      changed: (e) => broadcast('release.updated', e),
    });
    this.metricsRelay = new MetricsRelay({
      notify: (n) => broadcast('notice', n),
      update: (u) => broadcast('metrics.update', u),
      titleOf: (id) => this.plans.titleOf(id),
    });
    this.runnerSub = runnerRelayOf(services.runner, {
      broadcast, stream: this.stream, metrics: this.metricsRelay, titleOf: (id) => this.plans.titleOf(id),
    });
  }

  /** A client receives every event; live output only for the runs it watches. */
  connect(sink: EventSink): SessionClient {
    return this.clients.connect(sink);
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
      const me = this.identity.current(this.plans.plan());
      return me ? { name: me.signer?.name ?? me.name, keyId: me.keyId } : (this.opts.identity ?? null);
    } catch {
      // An unreadable key directory must not break Settings: it shows the configured identity, if any.
      return this.opts.identity ?? null;
    }
  }

  /** Stops new work, cancels non-durable runs, waits for them, closes the store. */
  async shutdown(graceMs = 20_000): Promise<void> {
    await this.runs.stop(graceMs);
    this.runnerSub.dispose();
    this.metricsRelay.close();
    this.stream.close();
    this.clients.clear();
    this.opts.services.close();
  }
}
