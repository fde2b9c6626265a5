/**
 * A bounded FIFO of output chunks. When full, the oldest bytes are dropped
 * and counted, so a viewer that fell behind can skip ahead to the tail. A cut
 * inside a chunk moves on to the next line start when one is near, so the
 * view resumes on a clean line.
 */

export interface Chunk {
  /** Attempt number the bytes belong to. */
  n: number;
  buf: Buffer;
}

const LINE_SEARCH = 4096;

export class OutputQueue {
  private chunks: Chunk[] = [];
  private size = 0;
  /** Bytes dropped since the last `takeDropped()`. */
  private dropped = 0;

  constructor(private readonly capacity: number) {}

  get bytes(): number {
    return this.size;
  }

  get empty(): boolean {
    return this.chunks.length === 0;
  }

  push(chunk: Chunk): void {
    if (chunk.buf.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.buf.length;
    if (this.size > this.capacity) this.trim(this.size - this.capacity);
  }

  /** Counts bytes that were dropped before they ever entered this queue. */
  addDropped(bytes: number): void {
    this.dropped += bytes;
  }

  peekDropped(): number {
    return this.dropped;
  }

  takeDropped(): number {
    const d = this.dropped;
    this.dropped = 0;
    return d;
  }

  /** Removes and returns up to `max` bytes of one attempt from the front. */
  take(max: number): Chunk | null {
    const first = this.chunks[0];
    if (!first || max <= 0) return null;
    const parts: Buffer[] = [];
    let got = 0;
    while (this.chunks.length > 0 && this.chunks[0].n === first.n && got < max) {
      const c = this.chunks[0];
      const room = max - got;
      if (c.buf.length <= room) {
        parts.push(c.buf);
        got += c.buf.length;
        this.chunks.shift();
      } else {
        parts.push(c.buf.subarray(0, room));
        c.buf = c.buf.subarray(room);
        got += room;
      }
    }
    this.size -= got;
    return { n: first.n, buf: parts.length === 1 ? parts[0] : Buffer.concat(parts, got) };
  }

  /** Every queued chunk, oldest first (for replay to a new viewer). */
  snapshot(): Chunk[] {
    return this.chunks.map((c) => ({ ...c }));
  }

  private trim(excess: number): void {
    while (excess > 0 && this.chunks.length > 0) {
      const c = this.chunks[0];
      if (c.buf.length <= excess) {
        this.chunks.shift();
        this.size -= c.buf.length;
        this.dropped += c.buf.length;
        excess -= c.buf.length;
        continue;
      }
      const nl = c.buf.indexOf(0x0a, excess);
      const cut = nl >= 0 && nl - excess < LINE_SEARCH ? nl + 1 : excess;
      if (cut >= c.buf.length) {
        this.chunks.shift();
        this.size -= c.buf.length;
        this.dropped += c.buf.length;
      } else {
        c.buf = c.buf.subarray(cut);
        this.size -= cut;
        this.dropped += cut;
      }
      excess = 0;
    }
  }
}
