/**
 * Shows one run in a RunTerminal.
 *
 * - A finished run: its stored log (the tail, if large) read through `run.log`.
 * - A running run: the live stream only. On `term.watch` the host first
 *   replays the run's recent output (reporting anything older as `skipped`),
 *   then streams. The stored log cannot be stitched to the stream: it is
 *   written in batches, and events carry no offsets, so mixing the two would
 *   draw bytes twice or not at all. If the stream turns out empty when the
 *   run ends (the host no longer had its output), the stored log is shown.
 */
import { api } from '../api';
import { base64ToBytes, utf8 } from '../lib/bytes';
import { formatBytes } from '../lib/format';
import { watchOutput, type OutputEvent } from '../state/live';
import { readSlices } from './log-slices';
import { PacedWriter, type FrameClock } from './paced-writer';
import type { RunTerminal } from './run-terminal';

/** How much stored output the view loads; scrollback holds about this much anyway. */
export const TAIL_BYTES = 2 * 1024 * 1024;
const WRITE_CHUNK = 256 * 1024;

const browserFrames: FrameClock = {
  nextFrame: (fn) => void requestAnimationFrame(() => fn()),
  now: () => performance.now(),
};

export interface SessionEvents {
  onSkipped(totalBytes: number): void;
  onHidden(hiddenBytes: number): void;
  onError(message: string): void;
}

function dim(text: string): Uint8Array {
  return utf8(`\x1b[2m${text}\x1b[0m\r\n`);
}

export function attemptBanner(n: number, of: number, first: boolean): Uint8Array {
  return utf8(`${first ? '' : '\r\n'}\x1b[2m── attempt ${n}${of > 1 ? ` of ${of}` : ''} ${'─'.repeat(24)}\x1b[0m\r\n`);
}

export class RunSession {
  private stopped = false;
  private lastAttempt = 0;
  private skipped = 0;
  private rendered = 0;
  private live = false;
  private stopWatch: (() => void) | null = null;
  private writer: PacedWriter;

  constructor(
    private readonly term: RunTerminal,
    private readonly runId: number,
    private readonly repeat: number,
    private readonly events: SessionEvents,
  ) {
    this.writer = this.newWriter();
  }

  /** Live output goes through a paced writer that acks each slice once xterm has parsed it. */
  private newWriter(): PacedWriter {
    return new PacedWriter(this.term, (bytes) => {
      // An ack lost with the connection is re-established by the next watch; one for an ended run has nothing to resume.
      void api().request('term.ack', { runId: this.runId, bytes }).catch(() => undefined);
    }, browserFrames);
  }

  async start(opts: { live: boolean }): Promise<void> {
    if (opts.live) {
      this.live = true;
      this.stopWatch = watchOutput(this.runId, (ev) => this.render(ev)).stop;
      return;
    }
    await this.showStored();
  }

  /** The connection came back: the host replays recent output to the new watch, so start the view over. */
  restartLive(): void {
    if (this.stopped || !this.stopWatch) return;
    this.writer.close();
    this.writer = this.newWriter();
    this.term.reset();
    this.lastAttempt = 0;
    this.rendered = 0;
  }

  /** The run ended; if the stream showed nothing, show the stored log instead. */
  async runEnded(): Promise<void> {
    if (this.stopped || !this.live || this.rendered > 0) return;
    this.live = false;
    this.stopWatch?.();
    this.stopWatch = null;
    await this.showStored();
  }

  private async showStored(): Promise<void> {
    try {
      await this.loadStored();
    } catch (err) {
      if (!this.stopped) this.events.onError(String((err as { message?: string })?.message ?? err));
    }
  }

  private async loadStored(): Promise<void> {
    const detail = await api().request('run.get', { runId: this.runId });
    const attempts = detail.attempts.map((a) => ({ n: a.n, size: a.logBytes })).sort((a, b) => a.n - b.n);
    let budget = TAIL_BYTES;
    const plan: { n: number; from: number }[] = [];
    for (let i = attempts.length - 1; i >= 0 && budget > 0; i--) {
      const { n, size } = attempts[i];
      const from = Math.max(0, size - budget);
      budget -= size - from;
      plan.unshift({ n, from });
    }
    const hidden = attempts.reduce((sum, a) => sum + a.size, 0) - (TAIL_BYTES - Math.max(0, budget));
    if (this.stopped) return;
    this.term.reset();
    if (hidden > 0) {
      this.events.onHidden(hidden);
      await this.term.write(dim(`… ${formatBytes(hidden)} of earlier output not shown here. "Save log" downloads the complete log.`));
    }
    for (const [i, { n, from }] of plan.entries()) {
      if (this.stopped) return;
      if (attempts.length > 1 || this.repeat > 1) await this.term.write(attemptBanner(n, this.repeat, i === 0 && hidden <= 0));
      for await (const slice of readSlices(this.runId, n, from)) {
        if (this.stopped) return;
        for (let at = 0; at < slice.bytes.length; at += WRITE_CHUNK) {
          await this.term.write(slice.bytes.subarray(at, at + WRITE_CHUNK));
        }
      }
    }
  }

  private render(ev: OutputEvent): void {
    if (this.stopped) return;
    const bytes = base64ToBytes(ev.data);
    if (ev.skipped > 0) {
      this.skipped += ev.skipped;
      this.events.onSkipped(this.skipped);
    }
    if (ev.n !== this.lastAttempt && (this.repeat > 1 || this.lastAttempt > 0)) {
      this.writer.push(attemptBanner(ev.n, this.repeat, this.rendered === 0), false);
    }
    this.lastAttempt = ev.n;
    this.rendered += bytes.length;
    this.writer.push(bytes, true);
  }

  stop(): void {
    this.stopped = true;
    this.writer.close();
    this.stopWatch?.();
    this.stopWatch = null;
  }
}
