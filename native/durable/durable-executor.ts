/** The AttemptExecutor for `durable: true` gates, local or on a plan host. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AttemptExecutor, AttemptHandle, AttemptSpec } from '../../electron/core/runs/ports';
import { remoteStateDir } from '../ssh/remote-dir';
import { transportFor } from '../ssh/shell-transport';
import { DurableAttempt, type DurableContext } from './durable-attempt';
import type { DurableStore } from './durable-store';

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export class DurableExecutor implements AttemptExecutor {
  private readonly live = new Set<DurableAttempt>();
  private readonly ctx: DurableContext;

  constructor(readonly store: DurableStore, opts: { keepStateDirs?: boolean } = {}) {
    this.ctx = {
      store,
      keepStateDirs: opts.keepStateDirs ?? process.env.COCKPIT_KEEP_RUN_DIRS === '1',
      shellFor: (row) => transportFor(row.hostDef),
      createRow: (spec) => {
        const t = spec.target!;
        const host = t.host ?? null;
        return store.create({
          runId: t.runId,
          n: t.attempt,
          hostDef: host,
          stateDir: host ? remoteStateDir(t.label, t.attempt) : join(t.runDir, 'durable', `attempt-${t.attempt}`),
          startedAt: Date.now(),
          metricsBase: host ? sizeOf(t.metricsPath) : 0,
        });
      },
      onSettled: (a) => this.live.delete(a),
    };
  }

  /** A new attempt is launched; one the store already knows (after a restart) is reattached. */
  start(spec: AttemptSpec): AttemptHandle {
    if (!spec.target) throw new Error('a durable attempt needs its run (AttemptSpec.target)');
    const a = new DurableAttempt(spec, this.ctx);
    this.live.add(a);
    return a;
  }

  /** This process is going away: stop following every attempt; they keep running. */
  detachAll(): number {
    const n = this.live.size;
    for (const a of this.live) a.detach();
    this.live.clear();
    return n;
  }
}
