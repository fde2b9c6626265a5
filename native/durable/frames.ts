/** Parses the follower's frames (see FOLLOW in target-scripts.ts) from a byte stream. */

export type Frame =
  | { kind: 'data'; stream: 'log' | 'metrics'; offset: number; bytes: Buffer }
  | { kind: 'exit'; code: number | null }
  | { kind: 'dead' }
  | { kind: 'heartbeat' }
  | { kind: 'error'; message: string };

const MAX_HEADER = 4096;

export class FrameParser {
  private body: { stream: 'log' | 'metrics'; offset: number; left: number; parts: Buffer[] } | null = null;
  private header = '';

  constructor(private readonly onFrame: (f: Frame) => void) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.body) {
        const take = Math.min(this.body.left, chunk.length - at);
        this.body.parts.push(chunk.subarray(at, at + take));
        this.body.left -= take;
        at += take;
        if (this.body.left === 0) {
          const { stream, offset, parts } = this.body;
          this.body = null;
          this.onFrame({ kind: 'data', stream, offset, bytes: Buffer.concat(parts) });
        }
        continue;
      }
      const nl = chunk.indexOf(0x0a, at);
      if (nl < 0) {
        this.header += chunk.subarray(at).toString('latin1');
        if (this.header.length > MAX_HEADER) throw new Error('garbled follower output (no frame header)');
        return;
      }
      const line = this.header + chunk.subarray(at, nl).toString('latin1');
      this.header = '';
      at = nl + 1;
      this.line(line);
    }
  }

  private line(line: string): void {
    const m = /^([OM]) (\d+) (\d+)$/.exec(line);
    if (m) {
      const left = Number(m[3]);
      const stream = m[1] === 'O' ? 'log' : 'metrics';
      if (left === 0) this.onFrame({ kind: 'data', stream, offset: Number(m[2]), bytes: Buffer.alloc(0) });
      else this.body = { stream, offset: Number(m[2]), left, parts: [] };
      return;
    }
    if (line.startsWith('X ')) {
      const code = Number(line.slice(2).trim());
      this.onFrame({ kind: 'exit', code: Number.isInteger(code) ? code : null });
    } else if (line === 'D') this.onFrame({ kind: 'dead' });
    else if (line === 'H') this.onFrame({ kind: 'heartbeat' });
    else if (line.startsWith('E ')) this.onFrame({ kind: 'error', message: line.slice(2) });
    else if (line.trim() !== '') throw new Error(`garbled follower output: ${JSON.stringify(line.slice(0, 200))}`);
  }

  /** True when the stream ended in the middle of a frame. */
  get partial(): boolean {
    return this.body !== null || this.header !== '';
  }
}
