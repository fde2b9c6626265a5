import { describe, expect, it } from 'vitest';
import { PACE, PacedWriter, type FrameClock, type WriteTarget } from '../../../renderer/terminal/paced-writer';

/** A terminal whose parse cost per byte is fixed, driven by hand frame by frame at 60 Hz. */
function harness(msPerKiB: number) {
  let now = 0;
  const frames: (() => void)[] = [];
  const clock: FrameClock = { nextFrame: (fn) => void frames.push(fn), now: () => now };
  const written: Uint8Array[] = [];
  let parse: (() => void) | null = null;
  const target: WriteTarget = {
    writeThen(data, parsed) {
      written.push(data.slice());
      parse = () => {
        now += (data.length / 1024) * msPerKiB;
        parsed();
      };
    },
  };
  const acks: number[] = [];
  const writer = new PacedWriter(target, (n) => acks.push(n), clock);
  return {
    writer,
    written,
    acks,
    pendingFrames: () => frames.length,
    /** Runs one animation frame only. */
    runFrame() {
      now += 1000 / 60;
      frames.shift()?.();
    },
    /** xterm finishes parsing what it was given. */
    finishParse() {
      const p = parse;
      parse = null;
      p?.();
    },
    /** One animation frame, then the parse of what it wrote. */
    frame() {
      if (frames.length === 0) return false;
      this.runFrame();
      this.finishParse();
      return true;
    },
  };
}

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);
const joined = (parts: Uint8Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p)));

describe('PacedWriter', () => {
  it('writes at most one slice per frame and acks only output once parsed', () => {
    const h = harness(0.01);
    h.writer.push(bytes(10), false); // a banner of our own
    h.writer.push(bytes(100_000, 0x62), true);
    expect(h.written).toHaveLength(0); // nothing before the next frame
    h.frame();
    expect(h.written).toHaveLength(1);
    expect(h.written[0].length).toBe(PACE.START_BYTES);
    expect(h.acks).toEqual([PACE.START_BYTES - 10]);
    while (h.frame());
    expect(joined(h.written)).toEqual(Buffer.concat([Buffer.from(bytes(10)), Buffer.from(bytes(100_000, 0x62))]));
    expect(h.acks.reduce((a, b) => a + b, 0)).toBe(100_000);
  });

  it('does not start another slice before xterm has parsed the last one', () => {
    const h = harness(0.01);
    h.writer.push(bytes(PACE.START_BYTES * 3), true);
    expect(h.pendingFrames()).toBe(1);
    h.runFrame();
    h.writer.push(bytes(10), true);
    expect(h.pendingFrames()).toBe(0); // still parsing: no new frame asked for
    h.finishParse();
    expect(h.pendingFrames()).toBe(1);
  });

  it('shrinks slices on a slow terminal and grows them on a fast one, within bounds', () => {
    const slow = harness(2); // 2 ms per KiB: a 32 KiB slice costs 64 ms
    slow.writer.push(bytes(2_000_000), true);
    for (let i = 0; i < 20; i++) slow.frame();
    expect(slow.writer.bytesPerFrame).toBeLessThan(PACE.START_BYTES);
    expect(slow.writer.bytesPerFrame).toBeGreaterThanOrEqual(PACE.MIN_BYTES);
    // Each slice now costs about the target, not ten times it.
    expect((slow.written.at(-1)!.length / 1024) * 2).toBeLessThanOrEqual(PACE.TARGET_MS * 1.5);

    const fast = harness(0.001);
    fast.writer.push(bytes(20_000_000), true);
    for (let i = 0; i < 40; i++) fast.frame();
    expect(fast.writer.bytesPerFrame).toBe(PACE.MAX_BYTES);
  });

  it('repaints at most about 30 times a second however fast frames come', () => {
    const h = harness(0.001);
    h.writer.push(bytes(50_000_000), true);
    for (let i = 0; i < 60; i++) h.frame(); // one second of 60 Hz frames
    expect(h.written.length).toBeGreaterThanOrEqual(25);
    expect(h.written.length).toBeLessThanOrEqual(Math.ceil(1000 / PACE.MIN_INTERVAL_MS) + 1);
  });

  it('keeps a multi-byte character whole across slices', () => {
    const h = harness(0.01);
    const text = Buffer.from('é'.repeat(PACE.START_BYTES)); // 2 bytes each: slices cut through characters
    h.writer.push(new Uint8Array(text), true);
    while (h.frame());
    expect(joined(h.written).toString('utf8')).toBe(text.toString('utf8'));
  });

  it('after close writes nothing more and acks nothing queued', () => {
    const h = harness(0.01);
    h.writer.push(bytes(PACE.START_BYTES * 2), true);
    h.frame();
    h.writer.close();
    h.writer.push(bytes(10), true);
    while (h.frame());
    expect(h.written).toHaveLength(1);
    expect(h.acks).toEqual([PACE.START_BYTES]);
    expect(h.writer.queuedBytes).toBe(0);
  });
});
