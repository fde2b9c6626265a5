/**
 * Live output fan-out to viewers, with batching and flow control in the style
 * of VS Code's terminal (docs/adr/0002-view-flow-control.md).
 *
 * - Output is batched per viewer and sent every BATCH_MS, or at once when a
 *   run has BATCH_MAX_BYTES waiting.
 * - Per viewer and run, sent-but-unacked bytes are counted. At HIGH the
 *   stream holds; acks that bring the count below LOW resume it.
 * - While held, at most MAX_PENDING_BYTES wait; older bytes are dropped and
 *   reported as `skipped` in the next message.
 * - A new viewer first gets the run's recent output (the same bound applies).
 *
 * The pty is never paused for a viewer and the stored log never depends on
 * this: the executor writes the log before anything reaches here.
 */
import type { EventPayloads } from '../../contract/contract';
import { FLOW } from '../../contract/flow';
import { OutputQueue } from './output-queue';

export type OutputSink = (payload: EventPayloads['run.output']) => void;

export interface StreamTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface StreamOptions {
  flow?: Partial<typeof FLOW>;
  timers?: StreamTimers;
  /** Finished runs whose recent output is kept for late viewers. */
  keepFinished?: number;
}

interface Lane {
  gateId: string;
  queue: OutputQueue;
  unacked: number;
  held: boolean;
  ended: boolean;
}

interface Viewer {
  sink: OutputSink;
  lanes: Map<number, Lane>;
  timer: unknown;
}

interface Backlog {
  gateId: string;
  queue: OutputQueue;
  ended: boolean;
}

const realTimers: StreamTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class TerminalStream {
  private readonly flow: typeof FLOW;
  private readonly timers: StreamTimers;
  private readonly keepFinished: number;
  private readonly viewers = new Map<string, Viewer>();
  private readonly backlogs = new Map<number, Backlog>();

  constructor(opts: StreamOptions = {}) {
    this.flow = { ...FLOW, ...opts.flow };
    this.timers = opts.timers ?? realTimers;
    this.keepFinished = opts.keepFinished ?? 8;
  }

  addViewer(id: string, sink: OutputSink): void {
    this.removeViewer(id);
    this.viewers.set(id, { sink, lanes: new Map(), timer: null });
  }

  removeViewer(id: string): void {
    const v = this.viewers.get(id);
    if (!v) return;
    if (v.timer !== null) this.timers.clearTimeout(v.timer);
    this.viewers.delete(id);
  }

  /** Starts (replaying the run's recent output) or stops streaming a run to a viewer. */
  watch(viewerId: string, runId: number, on: boolean): void {
    const v = this.viewers.get(viewerId);
    if (!v) return;
    if (!on) {
      v.lanes.delete(runId);
      return;
    }
    if (v.lanes.has(runId)) return;
    const backlog = this.backlogs.get(runId);
    const lane: Lane = {
      gateId: backlog?.gateId ?? '',
      queue: new OutputQueue(this.flow.MAX_PENDING_BYTES),
      unacked: 0,
      held: false,
      ended: false,
    };
    v.lanes.set(runId, lane);
    if (!backlog) return;
    for (const c of backlog.queue.snapshot()) lane.queue.push(c);
    lane.queue.addDropped(backlog.queue.peekDropped());
    lane.ended = backlog.ended;
    if (lane.ended && lane.queue.empty) v.lanes.delete(runId);
    else this.schedule(viewerId, v, runId, lane);
  }

  /** The viewer has rendered `bytes` more of the run's output. */
  ack(viewerId: string, runId: number, bytes: number): void {
    const v = this.viewers.get(viewerId);
    const lane = v?.lanes.get(runId);
    if (!v || !lane) return;
    lane.unacked = Math.max(0, lane.unacked - bytes);
    if (lane.held && lane.unacked < this.flow.LOW) {
      lane.held = false;
      this.flushLane(v, runId, lane);
    }
  }

  /** New output of a run, already written to its log. */
  push(runId: number, gateId: string, n: number, chunk: Buffer): void {
    if (chunk.length === 0) return;
    let backlog = this.backlogs.get(runId);
    if (!backlog) {
      backlog = { gateId, queue: new OutputQueue(this.flow.MAX_PENDING_BYTES), ended: false };
      this.backlogs.set(runId, backlog);
    }
    backlog.queue.push({ n, buf: chunk });
    for (const [id, v] of this.viewers) {
      const lane = v.lanes.get(runId);
      if (!lane) continue;
      lane.gateId = gateId;
      lane.queue.push({ n, buf: chunk });
      this.schedule(id, v, runId, lane);
    }
  }

  /** The run finished: keep its recent output for a few late viewers only. */
  endRun(runId: number): void {
    const backlog = this.backlogs.get(runId);
    if (backlog) {
      backlog.ended = true;
      this.backlogs.delete(runId);
      this.backlogs.set(runId, backlog); // most recently finished last
      const finished = [...this.backlogs].filter(([, b]) => b.ended);
      for (const [id] of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) this.backlogs.delete(id);
    }
    for (const v of this.viewers.values()) {
      const lane = v.lanes.get(runId);
      if (!lane) continue;
      lane.ended = true;
      if (lane.queue.empty) v.lanes.delete(runId);
    }
  }

  /** Bytes sent to a viewer and not yet acked (for tests and diagnostics). */
  unacked(viewerId: string, runId: number): number {
    return this.viewers.get(viewerId)?.lanes.get(runId)?.unacked ?? 0;
  }

  close(): void {
    for (const id of [...this.viewers.keys()]) this.removeViewer(id);
    this.backlogs.clear();
  }

  private schedule(id: string, v: Viewer, runId: number, lane: Lane): void {
    if (lane.held) return;
    if (lane.queue.bytes >= this.flow.BATCH_MAX_BYTES) {
      this.flushLane(v, runId, lane);
      return;
    }
    if (v.timer !== null) return;
    v.timer = this.timers.setTimeout(() => {
      v.timer = null;
      if (this.viewers.get(id) !== v) return;
      for (const [runId, l] of [...v.lanes]) this.flushLane(v, runId, l);
    }, this.flow.BATCH_MS);
  }

  private flushLane(v: Viewer, runId: number, lane: Lane): void {
    const { HIGH } = this.flow;
    while (!lane.held && !lane.queue.empty) {
      const skipped = lane.queue.takeDropped();
      const part = lane.queue.take(Math.max(1, Math.min(this.flow.BATCH_MAX_BYTES, HIGH - lane.unacked)))!;
      lane.unacked += part.buf.length;
      if (lane.unacked >= HIGH) lane.held = true;
      try {
        v.sink({ runId, gateId: lane.gateId, n: part.n, data: part.buf.toString('base64'), skipped });
      } catch {
        // A viewer that cannot receive (a closing socket) must not stop the others.
      }
    }
    if (lane.ended && lane.queue.empty) v.lanes.delete(runId);
  }
}
