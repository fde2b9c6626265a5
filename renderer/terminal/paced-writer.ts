/**
 * Feeds a live run's output to xterm at a pace the page can afford.
 *
 * Flow control alone (ADR 0002) keeps the page's queue short, but it also
 * keeps xterm parsing for as long as a gate prints: a 20 MB burst held the
 * main thread ~95% busy and clicks waited behind it. So the view writes at
 * most one slice per animation frame, sized so that parsing it takes about
 * TARGET_MS, and acknowledges a slice only once xterm has parsed it. When a
 * gate prints faster than that, the host's stream holds and skips ahead to
 * the tail (the stored log is complete either way); the page keeps most of
 * each frame for input, layout and paint.
 *
 * A slice's cost is measured from `write` to xterm's callback, which also
 * counts any task that ran in between: an overestimate, so the pace errs
 * towards a responsive page.
 */
import { concatBytes } from '../lib/bytes';

export const PACE = {
  /** Parse time to aim for per slice (a 60 Hz frame is 16.7 ms). */
  TARGET_MS: 6,
  /**
   * At most one slice per this many ms: each slice makes xterm repaint its
   * rows, and painting (software raster without a GPU) cost as much as
   * parsing. 30 updates a second is smooth for scrolling output.
   */
  MIN_INTERVAL_MS: 33,
  START_BYTES: 32 * 1024,
  MIN_BYTES: 4 * 1024,
  MAX_BYTES: 256 * 1024,
} as const;

export interface WriteTarget {
  /** Writes bytes; `parsed` runs once they are parsed. */
  writeThen(data: Uint8Array, parsed: () => void): void;
}

export interface FrameClock {
  nextFrame(fn: () => void): void;
  now(): number;
}

interface Pending {
  bytes: Uint8Array;
  /** Counted towards acknowledgements (output), or not (our own banners). */
  acked: boolean;
}

export class PacedWriter {
  private queue: Pending[] = [];
  private budget: number = PACE.START_BYTES;
  private writing = false;
  private scheduled = false;
  private closed = false;
  private lastSliceAt = -Infinity;

  constructor(
    private readonly target: WriteTarget,
    private readonly onParsed: (ackedBytes: number) => void,
    private readonly frames: FrameClock,
  ) {}

  /** Bytes per frame the writer currently allows (for tests and diagnostics). */
  get bytesPerFrame(): number {
    return this.budget;
  }

  get queuedBytes(): number {
    return this.queue.reduce((sum, p) => sum + p.bytes.length, 0);
  }

  push(bytes: Uint8Array, acked: boolean): void {
    if (this.closed || bytes.length === 0) return;
    this.queue.push({ bytes, acked });
    this.schedule();
  }

  /** Drops what is queued and writes nothing more; nothing queued is acknowledged. */
  close(): void {
    this.closed = true;
    this.queue = [];
  }

  private schedule(): void {
    if (this.writing || this.scheduled || this.closed || this.queue.length === 0) return;
    this.scheduled = true;
    const onFrame = () => {
      if (this.frames.now() - this.lastSliceAt < PACE.MIN_INTERVAL_MS - 1) return this.frames.nextFrame(onFrame);
      this.scheduled = false;
      this.writeSlice();
    };
    this.frames.nextFrame(onFrame);
  }

  private writeSlice(): void {
    if (this.closed || this.queue.length === 0) return;
    const { data, acked } = this.takeSlice(this.budget);
    this.writing = true;
    const started = this.frames.now();
    this.lastSliceAt = started;
    this.target.writeThen(data, () => {
      this.writing = false;
      if (this.closed) return;
      this.adapt(this.frames.now() - started, data.length);
      if (acked > 0) this.onParsed(acked);
      this.schedule();
    });
  }

  private takeSlice(limit: number): { data: Uint8Array; acked: number } {
    const parts: Uint8Array[] = [];
    let size = 0;
    let acked = 0;
    while (this.queue.length > 0 && size < limit) {
      const head = this.queue[0];
      const room = limit - size;
      const part = head.bytes.length <= room ? head.bytes : head.bytes.subarray(0, room);
      if (part === head.bytes) this.queue.shift();
      else head.bytes = head.bytes.subarray(room);
      parts.push(part);
      size += part.length;
      if (head.acked) acked += part.length;
    }
    return { data: parts.length === 1 ? parts[0] : concatBytes(parts), acked };
  }

  /** Shrinks the slice when parsing took too long, grows it when a full slice was cheap. */
  private adapt(ms: number, bytes: number): void {
    if (ms > PACE.TARGET_MS) {
      this.budget = Math.max(PACE.MIN_BYTES, Math.floor((this.budget * PACE.TARGET_MS) / ms));
    } else if (bytes >= this.budget) {
      this.budget = Math.min(PACE.MAX_BYTES, Math.floor(this.budget * 1.25));
    }
  }
}
