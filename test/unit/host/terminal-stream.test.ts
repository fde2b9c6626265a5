import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventPayloads } from '../../../electron/contract/contract';
import { FLOW } from '../../../electron/contract/flow';
import { TerminalStream } from '../../../electron/host/terminal/terminal-stream';

/** A viewer that acks in steps no larger than LOW keeps a held stream able to resume. */
const ACK_STEP = FLOW.LOW;

type Out = EventPayloads['run.output'];

function viewer(stream: TerminalStream, id = 'v1') {
  const got: Out[] = [];
  stream.addViewer(id, (p) => got.push(p));
  return {
    got,
    bytes: () => Buffer.concat(got.map((p) => Buffer.from(p.data, 'base64'))),
    sent: () => got.reduce((n, p) => n + Buffer.from(p.data, 'base64').length, 0),
    skipped: () => got.reduce((n, p) => n + p.skipped, 0),
  };
}

const bytes = (n: number, fill = 0x61) => Buffer.alloc(n, fill);

describe('TerminalStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('batches output and sends it after the batch interval, in order', () => {
    const s = new TerminalStream();
    const v = viewer(s);
    s.watch('v1', 1, true);
    s.push(1, 'g', 1, Buffer.from('hello '));
    s.push(1, 'g', 1, Buffer.from('world'));
    expect(v.got).toHaveLength(0);
    vi.advanceTimersByTime(FLOW.BATCH_MS);
    expect(v.got).toHaveLength(1);
    expect(v.got[0]).toMatchObject({ runId: 1, gateId: 'g', n: 1, skipped: 0 });
    expect(v.bytes().toString()).toBe('hello world');
  });

  it('sends at once when a batch reaches its size limit', () => {
    const s = new TerminalStream({ flow: { BATCH_MAX_BYTES: 1000 } });
    const v = viewer(s);
    s.watch('v1', 1, true);
    s.push(1, 'g', 1, bytes(1000));
    expect(v.sent()).toBe(1000);
  });

  it('keeps attempts apart: one message never mixes two attempts', () => {
    const s = new TerminalStream();
    const v = viewer(s);
    s.watch('v1', 1, true);
    s.push(1, 'g', 1, Buffer.from('one'));
    s.push(1, 'g', 2, Buffer.from('two'));
    vi.advanceTimersByTime(FLOW.BATCH_MS);
    expect(v.got.map((p) => [p.n, Buffer.from(p.data, 'base64').toString()])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
  });

  it('only streams runs the viewer watches', () => {
    const s = new TerminalStream();
    const v = viewer(s);
    s.watch('v1', 1, true);
    s.push(2, 'other', 1, Buffer.from('not for you'));
    vi.advanceTimersByTime(50);
    expect(v.got).toHaveLength(0);
  });

  it('holds at HIGH unacked bytes and resumes only when acks bring it below LOW', () => {
    const s = new TerminalStream();
    const v = viewer(s);
    s.watch('v1', 1, true);
    for (let i = 0; i < 30; i++) s.push(1, 'g', 1, bytes(10_000));
    vi.advanceTimersByTime(FLOW.BATCH_MS);
    expect(v.sent()).toBe(FLOW.HIGH);
    expect(s.unacked('v1', 1)).toBe(FLOW.HIGH);
    vi.advanceTimersByTime(100);
    expect(v.sent()).toBe(FLOW.HIGH); // held: nothing more without acks
    s.ack('v1', 1, FLOW.HIGH - FLOW.LOW); // down to LOW exactly: still held
    vi.advanceTimersByTime(100);
    expect(v.sent()).toBe(FLOW.HIGH);
    s.ack('v1', 1, 1); // below LOW: resume
    expect(v.sent()).toBe(2 * FLOW.HIGH - FLOW.LOW + 1);
  });

  it('loses no byte when the viewer acks in time', () => {
    const s = new TerminalStream();
    const v = viewer(s);
    s.watch('v1', 1, true);
    const expected: Buffer[] = [];
    for (let i = 0; i < 400; i++) {
      const chunk = Buffer.from(`line ${i} `.padEnd(3000, String.fromCharCode(97 + (i % 26))) + '\n');
      expected.push(chunk);
      s.push(1, 'g', 1, chunk);
      // The viewer renders everything it got, acking in steps of ACK_STEP (the rest later).
      let owed = s.unacked('v1', 1);
      while (owed >= ACK_STEP) {
        s.ack('v1', 1, ACK_STEP);
        owed -= ACK_STEP;
      }
      vi.advanceTimersByTime(2);
    }
    for (let i = 0; i < 200; i++) {
      s.ack('v1', 1, s.unacked('v1', 1));
      vi.advanceTimersByTime(FLOW.BATCH_MS);
    }
    expect(v.skipped()).toBe(0);
    expect(v.bytes().equals(Buffer.concat(expected))).toBe(true);
  });

  it('drops the oldest pending bytes beyond the cap and reports them as skipped', () => {
    const s = new TerminalStream();
    const v = viewer(s);
    s.watch('v1', 1, true);
    s.push(1, 'g', 1, bytes(FLOW.HIGH));
    vi.advanceTimersByTime(FLOW.BATCH_MS); // now held
    const pending = Buffer.concat([bytes(FLOW.MAX_PENDING_BYTES, 0x62), bytes(300_000, 0x63)]);
    for (let off = 0; off < pending.length; off += 50_000) s.push(1, 'g', 1, pending.subarray(off, off + 50_000));
    s.ack('v1', 1, FLOW.HIGH);
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(FLOW.BATCH_MS);
      s.ack('v1', 1, s.unacked('v1', 1));
    }
    const after = v.got.slice(1);
    const skipped = after.reduce((n, p) => n + p.skipped, 0);
    expect(after[0].skipped).toBe(300_000);
    expect(skipped).toBe(300_000);
    const received = Buffer.concat(after.map((p) => Buffer.from(p.data, 'base64')));
    expect(received.length).toBe(FLOW.MAX_PENDING_BYTES);
    expect(received.equals(pending.subarray(300_000))).toBe(true); // the tail, intact
    expect(received.length + skipped).toBe(pending.length);
  });

  it('replays a run’s recent output to a viewer that starts watching late', () => {
    const s = new TerminalStream();
    s.push(7, 'g', 1, Buffer.from('early '));
    const v = viewer(s);
    s.watch('v1', 7, true);
    s.push(7, 'g', 1, Buffer.from('late'));
    vi.advanceTimersByTime(FLOW.BATCH_MS);
    expect(v.bytes().toString()).toBe('early late');
  });

  it('replays a finished run, then forgets the oldest finished runs', () => {
    const s = new TerminalStream({ keepFinished: 1 });
    s.push(1, 'a', 1, Buffer.from('run one'));
    s.endRun(1);
    const v = viewer(s);
    s.watch('v1', 1, true);
    vi.advanceTimersByTime(FLOW.BATCH_MS);
    expect(v.bytes().toString()).toBe('run one');
    s.push(2, 'b', 1, Buffer.from('run two'));
    s.endRun(2);
    const w = viewer(s, 'v2');
    s.watch('v2', 1, true);
    vi.advanceTimersByTime(FLOW.BATCH_MS);
    expect(w.got).toHaveLength(0);
  });

  it('keeps viewers apart: a held viewer does not hold another', () => {
    const s = new TerminalStream();
    const slow = viewer(s, 'slow');
    const fast = viewer(s, 'fast');
    s.watch('slow', 1, true);
    s.watch('fast', 1, true);
    for (let i = 0; i < 20; i++) {
      s.push(1, 'g', 1, bytes(10_000));
      vi.advanceTimersByTime(FLOW.BATCH_MS);
      s.ack('fast', 1, s.unacked('fast', 1));
    }
    expect(slow.sent()).toBe(FLOW.HIGH);
    expect(fast.sent()).toBe(200_000);
  });

  it('stops sending after unwatch and after the viewer leaves', () => {
    const s = new TerminalStream();
    const v = viewer(s);
    s.watch('v1', 1, true);
    s.push(1, 'g', 1, Buffer.from('x'));
    s.watch('v1', 1, false);
    vi.advanceTimersByTime(FLOW.BATCH_MS);
    expect(v.got).toHaveLength(0);
    s.watch('v1', 1, true);
    s.removeViewer('v1');
    s.push(1, 'g', 1, Buffer.from('y'));
    vi.advanceTimersByTime(FLOW.BATCH_MS);
    expect(v.got).toHaveLength(0);
  });
});
