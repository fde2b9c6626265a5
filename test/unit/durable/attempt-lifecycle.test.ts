import { describe, expect, it, vi } from 'vitest';
import type { AttemptOutcome, AttemptSpec } from '../../../electron/core/runs/ports';
import { AttemptLifecycle, longTimeout } from '../../../native/exec/attempt-lifecycle';

const spec = (timeoutMs?: number): AttemptSpec => ({ command: 'x', cwd: '/', env: {}, secrets: [], graceMs: 1000, logPath: '/dev/null', timeoutMs });

/** A stand-in attempt: it can be stopped once `started`, and records each stop. */
class Probe extends AttemptLifecycle {
  readonly pid = 1;
  started = false;
  stops = 0;
  constructor(s: AttemptSpec, startedAt = Date.now()) {
    super(s);
    this.armTimeout(startedAt);
    this.done = new Promise<AttemptOutcome>(() => undefined);
  }
  start() {
    this.started = true;
    this.stopIfAsked();
  }
  end() {
    this.settle();
  }
  get state() {
    return { cancelled: this.cancelled, timedOut: this.timedOut, stops: this.stops };
  }
  protected canStop() {
    return this.started;
  }
  protected async stopTree() {
    this.stops++;
  }
}

describe('the attempt lifecycle every executor shares', () => {
  it('stops once: a cancel before the attempt can be stopped is carried out when it can', () => {
    const p = new Probe(spec());
    p.cancel();
    expect(p.state).toEqual({ cancelled: true, timedOut: false, stops: 0 });
    p.start();
    p.cancel();
    expect(p.state).toEqual({ cancelled: true, timedOut: false, stops: 1 });
  });

  it('one timeout rule: counted from the attempt\'s start, even a start long ago (a reattached durable run)', () => {
    vi.useFakeTimers();
    try {
      const now = Date.now();
      const fresh = new Probe(spec(10_000), now);
      fresh.start();
      const old = new Probe(spec(10_000), now - 9_000);
      old.start();
      vi.advanceTimersByTime(1_000);
      expect(old.state).toMatchObject({ timedOut: true, stops: 1 });
      expect(fresh.state).toMatchObject({ timedOut: false, stops: 0 });
      vi.advanceTimersByTime(9_000);
      expect(fresh.state).toMatchObject({ timedOut: true, stops: 1 });
      const over = new Probe(spec(10_000), now);
      over.start();
      over.end();
      vi.advanceTimersByTime(20_000);
      expect(over.state).toMatchObject({ timedOut: false, stops: 0 }); // settled: no more stops
    } finally {
      vi.useRealTimers();
    }
  });

  it('re-arms past 2^31 ms instead of firing at once', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      longTimeout(2 ** 31 + 5_000, fn);
      vi.advanceTimersByTime(2 ** 31 - 1);
      expect(fn).not.toHaveBeenCalled();
      vi.advanceTimersByTime(5_001);
      expect(fn).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
