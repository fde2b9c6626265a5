/**
 * Turns the runner's metrics events into what clients see: a `notice` for
 * each threshold that breaks (the shell shows it as a desktop notification),
 * and `metrics.update` at most once per run per second (the latest one wins;
 * a trailing update is sent when the second is over, so the last state is
 * never lost).
 */
import { describeVerdict } from '../../core/runs/run-metrics';
import type { RunnerEvent } from '../../core/runs/runner-deps';
import type { EventPayloads } from '../../contract/contract';

type Update = EventPayloads['metrics.update'];

export interface MetricsRelayOptions {
  notify(notice: EventPayloads['notice']): void;
  update(payload: Update): void;
  /** Gate title for notices. */
  titleOf(gateId: string): string;
  intervalMs?: number;
  now?: () => number;
}

export class MetricsRelay {
  private readonly last = new Map<number, number>();
  private readonly pending = new Map<number, { payload: Update; timer: NodeJS.Timeout }>();
  private readonly interval: number;
  private readonly now: () => number;

  constructor(private readonly opts: MetricsRelayOptions) {
    this.interval = opts.intervalMs ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  /** True when the event was a metrics event (handled here). */
  handle(e: RunnerEvent): boolean {
    if (e.type === 'threshold') {
      const title = this.opts.titleOf(e.gateId);
      const name = title && title !== e.gateId ? `${title} (${e.gateId})` : e.gateId;
      this.opts.notify({
        level: 'error',
        title: `Threshold breached: ${name}`,
        body: `${describeVerdict(e.verdict)}${e.abort ? ': aborting the run' : ''}`,
        gateId: e.gateId,
      });
      return true;
    }
    if (e.type !== 'metrics') return false;
    const payload: Update = {
      runId: e.runId,
      gateId: e.gateId,
      verdicts: e.verdicts.map((v) => ({ ...v, final: false })),
      stats: e.stats,
    };
    this.send(payload);
    return true;
  }

  private send(payload: Update): void {
    const id = payload.runId;
    const waiting = this.pending.get(id);
    if (waiting) {
      waiting.payload = payload;
      return;
    }
    const since = this.now() - (this.last.get(id) ?? -Infinity);
    if (since >= this.interval) {
      this.last.set(id, this.now());
      this.opts.update(payload);
      return;
    }
    const timer = setTimeout(() => {
      const p = this.pending.get(id);
      this.pending.delete(id);
      if (!p) return;
      this.last.set(id, this.now());
      this.opts.update(p.payload);
    }, this.interval - since);
    timer.unref?.();
    this.pending.set(id, { payload, timer });
  }

  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }
}
