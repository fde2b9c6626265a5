/**
 * Evaluates a gate's thresholds incrementally while points stream in.
 *
 * - `add(point)` touches only the thresholds whose metric matches and whose
 *   tag filter is contained in the point's tags (`{status:200}` matches a
 *   point tagged status=200 and anything else).
 * - Thresholds with the same metric, filter and window share one state, so
 *   `p(95)` and `p(99)` of a trend keep its values once.
 * - Time is data time: the points' own timestamps (a remote host's clock may
 *   differ from ours). `now` passed to `evaluate` should be in that clock too;
 *   when omitted, the latest point time is used.
 * - Kinds come from declarations (`declare`); an undeclared metric is a gauge.
 *   Kinds are read at evaluation time, so a late declaration still applies.
 * - `over` windows are tumbling, aligned to the first point that matches the
 *   threshold. A window closes once data time passes its end plus
 *   `lateToleranceMs` (points may arrive slightly late); a point for a window
 *   already closed goes to the oldest open one. Empty windows after the first
 *   point count: a counter's `count`/`rate` is then 0 (a stall), other
 *   aggregations have no value and are skipped.
 * - At `final()`, the last, partial window counts if it covers at least half a
 *   window of data time; a shorter tail is too little data to judge.
 * - `abort` is set when abortOnFail, breached, and `delayAbortEvalMs` of data
 *   time has passed since the first point. Final verdicts never ask to abort.
 */
import type { MetricKind, MetricPoint } from './types';
import type { Threshold } from '../plan/types';
import { AggState, aggregate, aggregationNeedsSamples } from './aggregators';
import { seriesKey, tagsMatch } from './series-key';
import { ThresholdTracker, type ThresholdVerdict } from './threshold-state';

export type { ThresholdVerdict } from './threshold-state';

export interface ThresholdEvaluation {
  verdicts: ThresholdVerdict[];
  /** Thresholds that turned from ok to failed since the previous call: raise one alert each. */
  newBreaches: ThresholdVerdict[];
  /** Some verdict asks to abort the run. */
  abort: boolean;
}

export interface EvaluatorOptions {
  kinds?: Record<string, MetricKind>;
  /** How long a window stays open after its end for late points. Default 1000 ms. */
  lateToleranceMs?: number;
}

interface Group {
  metric: string;
  tags: Record<string, string>;
  windowMs: number | null;
  keepSamples: boolean;
  trackers: ThresholdTracker[];
  /** Whole-run state (no window). */
  whole: AggState | null;
  /** First matching point: windows are aligned to it. */
  origin: number | null;
  windows: Map<number, AggState>;
  /** Windows with a lower index are closed. */
  nextToClose: number;
}

export class ThresholdEvaluator {
  private readonly groups: Group[] = [];
  /** The groups with `over` windows: only they need closing as data time moves. */
  private readonly windowed: Group[] = [];
  private readonly byMetric = new Map<string, Group[]>();
  private readonly trackers: ThresholdTracker[] = [];
  private readonly kinds = new Map<string, MetricKind>();
  private readonly grace: number;
  private start = Infinity;
  private watermark = -Infinity;
  private finished: ThresholdEvaluation | null = null;

  constructor(thresholds: Threshold[], opts: EvaluatorOptions = {}) {
    this.grace = opts.lateToleranceMs ?? 1000;
    for (const [name, kind] of Object.entries(opts.kinds ?? {})) this.kinds.set(name, kind);
    const byKey = new Map<string, Group>();
    for (const t of thresholds) {
      const windowMs = t.expr.windowMs && t.expr.windowMs > 0 ? t.expr.windowMs : null;
      const key = `${seriesKey(t.metric, t.tags)}|${windowMs ?? 'run'}`;
      let g = byKey.get(key);
      if (!g) {
        g = {
          metric: t.metric,
          tags: t.tags,
          windowMs,
          keepSamples: false,
          trackers: [],
          whole: null,
          origin: null,
          windows: new Map(),
          nextToClose: 0,
        };
        byKey.set(key, g);
        this.groups.push(g);
        const list = this.byMetric.get(t.metric) ?? [];
        list.push(g);
        this.byMetric.set(t.metric, list);
      }
      g.keepSamples ||= aggregationNeedsSamples(t.expr.agg);
      const tracker = new ThresholdTracker(t);
      g.trackers.push(tracker);
      this.trackers.push(tracker);
    }
    for (const g of this.groups) {
      if (g.windowMs === null) g.whole = new AggState(g.keepSamples);
      else this.windowed.push(g);
    }
  }

  declare(metric: string, kind: MetricKind): void {
    this.kinds.set(metric, kind);
  }

  private kindOf(metric: string): MetricKind {
    return this.kinds.get(metric) ?? 'gauge';
  }

  add(p: MetricPoint): void {
    if (this.finished) return;
    if (p.time < this.start) this.start = p.time;
    if (p.time > this.watermark) this.watermark = p.time;
    const groups = this.byMetric.get(p.metric);
    if (groups) {
      for (const g of groups) {
        if (!tagsMatch(g.tags, p.tags)) continue;
        if (g.whole) g.whole.add(p.time, p.value);
        else this.addToWindow(g, p);
      }
    }
    for (const g of this.windowed) this.closeWindows(g, false);
  }

  private addToWindow(g: Group, p: MetricPoint): void {
    const w = g.windowMs as number;
    if (g.origin === null) g.origin = p.time;
    const idx = Math.max(Math.floor((p.time - g.origin) / w), g.nextToClose);
    let state = g.windows.get(idx);
    if (!state) {
      state = new AggState(g.keepSamples);
      g.windows.set(idx, state);
    }
    state.add(p.time, p.value);
  }

  /** Closes every window that data time has left behind (at the end: all of them). */
  private closeWindows(g: Group, atEnd: boolean): void {
    if (g.origin === null || g.windowMs === null) return;
    const w = g.windowMs;
    const origin = g.origin;
    // Windows with index < limit are complete (past their end plus the grace).
    const limit = atEnd
      ? Math.floor((this.watermark - origin) / w)
      : Math.floor((this.watermark - this.grace - origin) / w);
    if (limit > g.nextToClose) {
      const present = [...g.windows.keys()].filter((i) => i < limit).sort((a, b) => a - b);
      for (const idx of present) {
        this.closeEmpty(g, g.nextToClose, idx - g.nextToClose);
        this.closeOne(g, idx, g.windows.get(idx) as AggState, w);
        g.windows.delete(idx);
        g.nextToClose = idx + 1;
      }
      this.closeEmpty(g, g.nextToClose, limit - g.nextToClose);
      g.nextToClose = limit;
    }
    if (!atEnd) return;
    // The partial last window: judged only if it covers at least half a window.
    const lastStart = origin + g.nextToClose * w;
    const covered = this.watermark - lastStart;
    if (covered > 0 && covered >= w / 2) {
      this.closeOne(g, g.nextToClose, g.windows.get(g.nextToClose) ?? new AggState(false), covered);
    }
    g.windows.clear();
  }

  private closeOne(g: Group, idx: number, state: AggState, lengthMs: number): void {
    const start = (g.origin as number) + idx * (g.windowMs as number);
    const kind = this.kindOf(g.metric);
    for (const tr of g.trackers) {
      const value = aggregate(state, tr.threshold.expr.agg, kind, lengthMs);
      tr.onWindows(value, start, 1, g.windowMs as number, start + lengthMs);
    }
  }

  /** `count` full windows without points, from index `from`: handled in O(1). */
  private closeEmpty(g: Group, from: number, count: number): void {
    if (count <= 0) return;
    const w = g.windowMs as number;
    const start = (g.origin as number) + from * w;
    const kind = this.kindOf(g.metric);
    const empty = new AggState(false);
    for (const tr of g.trackers) {
      const value = aggregate(empty, tr.threshold.expr.agg, kind, w);
      tr.onWindows(value, start, count, w, start + count * w);
    }
  }

  /** Live evaluation. `now`: data time (defaults to the latest point's time). */
  evaluate(now?: number): ThresholdEvaluation {
    if (this.finished) return this.finished;
    const at = Math.max(now ?? this.watermark, this.watermark);
    for (const g of this.groups) {
      if (!g.whole) continue;
      const kind = this.kindOf(g.metric);
      for (const tr of g.trackers) tr.onLive(this.wholeValue(g.whole, tr, kind, at), at);
    }
    const abortAllowed = (tr: ThresholdTracker) =>
      Number.isFinite(this.start) && at - this.start >= tr.threshold.delayAbortEvalMs;
    return this.report(abortAllowed);
  }

  /** End-of-run evaluation, closing every window. Later points are ignored. */
  final(endTime?: number): ThresholdEvaluation {
    if (this.finished) return this.finished;
    if (endTime !== undefined && endTime > this.watermark && Number.isFinite(this.start)) {
      this.watermark = endTime;
    }
    const at = this.watermark;
    for (const g of this.groups) {
      if (g.whole) {
        const kind = this.kindOf(g.metric);
        for (const tr of g.trackers) tr.onFinal(this.wholeValue(g.whole, tr, kind, at), at);
      } else this.closeWindows(g, true);
    }
    this.finished = this.report(() => false);
    return this.finished;
  }

  private wholeValue(state: AggState, tr: ThresholdTracker, kind: MetricKind, at: number): number | null {
    if (state.count === 0) return null; // no data: passes, as in k6
    return aggregate(state, tr.threshold.expr.agg, kind, at - this.start);
  }

  private report(abortAllowed: (tr: ThresholdTracker) => boolean): ThresholdEvaluation {
    const verdicts: ThresholdVerdict[] = [];
    const newBreaches: ThresholdVerdict[] = [];
    for (const tr of this.trackers) {
      const v = tr.verdict(abortAllowed(tr));
      verdicts.push(v);
      if (tr.reportedOk && !v.ok) newBreaches.push(v);
      tr.reportedOk = v.ok;
    }
    return { verdicts, newBreaches, abort: verdicts.some((v) => v.abort) };
  }
}
