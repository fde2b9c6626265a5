/**
 * Lines -> points, declarations and per-line errors, with counters.
 *
 * Out-of-order policy: each series (metric + sorted tags) remembers its latest
 * time. A point more than `lateToleranceMs` older than that is dropped and
 * reported as `timestamp out of order`: windows already closed by the
 * evaluator cannot take it back, and a replayed or rewritten file would
 * otherwise double-count. Points late by less than the tolerance are kept
 * (counted as `late`): k6 emits from many VUs at once, so a series' points
 * can swap by a few ms in the file. Equal times are fine for k6/short-form
 * lines (two requests in the same ms); a Prometheus sample with the same
 * time as the series' last one is a re-scrape and is dropped silently.
 *
 * Kinds: the first declaration of a metric wins; a later one with another
 * kind is rejected (`kind-conflict`). Undeclared metrics are gauges.
 */
import { parseMetricLine } from './parse-metric-line';
import { parsePrometheusText } from './prometheus-text';
import { seriesKey } from './series-key';
import type { SplitLine, SplitResult } from './line-splitter';
import type { LineError, MetricDeclaration, MetricKind, MetricPoint, RejectCode } from './types';

export interface IngestOptions {
  /** A point may be this much older than its series' latest and still be kept. Default 1000 ms. */
  lateToleranceMs?: number;
}

export interface IngestBatch {
  points: MetricPoint[];
  /** Series key of each point (parallel to `points`), as `seriesKey` gives it. */
  keys: string[];
  /** Declarations first seen in this batch. */
  declarations: MetricDeclaration[];
  errors: LineError[];
}

export interface IngestCounters {
  /** Non-blank lines seen, including oversized ones. */
  lines: number;
  accepted: number;
  declarations: number;
  rejected: number;
  rejectedByReason: Partial<Record<RejectCode, number>>;
  /** Kept although slightly older than their series' latest point. */
  late: number;
  /** Prometheus re-scrapes of a sample already stored. */
  duplicates: number;
}

export class MetricIngest {
  readonly counters: IngestCounters = {
    lines: 0,
    accepted: 0,
    declarations: 0,
    rejected: 0,
    rejectedByReason: {},
    late: 0,
    duplicates: 0,
  };
  private readonly kinds = new Map<string, MetricDeclaration>();
  private readonly lastTime = new Map<string, number>();
  /** seriesKey by metric, then by the tags' JSON as they arrived: a cheaper way to the same key. */
  private readonly keyCache = new Map<string, Map<string, string>>();
  private readonly lateToleranceMs: number;

  constructor(opts: IngestOptions = {}) {
    this.lateToleranceMs = opts.lateToleranceMs ?? 1000;
  }

  /** Kind of a metric: declared, else `gauge`. */
  kindOf(metric: string): MetricKind {
    return this.kinds.get(metric)?.kind ?? 'gauge';
  }

  declarations(): MetricDeclaration[] {
    return [...this.kinds.values()];
  }

  /** Consumes one splitter result. `now` stamps points whose line has no time. */
  push(split: SplitResult, now: number): IngestBatch {
    const batch = this.pushLines(split.lines, now);
    for (const o of split.oversized) {
      this.counters.lines++;
      this.reject(batch, o.lineNo, 'oversized', `line too long (${o.bytes} bytes), skipped`);
    }
    if (split.oversized.length > 0) batch.errors.sort((a, b) => a.lineNo - b.lineNo);
    return batch;
  }

  pushLines(lines: SplitLine[], now: number): IngestBatch {
    const batch: IngestBatch = { points: [], keys: [], declarations: [], errors: [] };
    for (const { text, lineNo } of lines) {
      if (text.trim() === '') continue;
      this.counters.lines++;
      const parsed = parseMetricLine(text);
      if (!parsed.ok) {
        this.reject(batch, lineNo, parsed.code, parsed.reason);
        continue;
      }
      const line = parsed.value;
      if (line.kind === 'declaration') {
        this.declare(batch, lineNo, line.declaration);
        continue;
      }
      if (line.metricKind && !this.declare(batch, lineNo, { name: line.metric, kind: line.metricKind })) {
        continue;
      }
      const point: MetricPoint = { metric: line.metric, tags: line.tags, time: line.time ?? now, value: line.value };
      this.accept(batch, lineNo, point, false);
    }
    return batch;
  }

  /** Consumes one Prometheus scrape (or `.prom` file); line numbers are within `text`. */
  pushPrometheus(text: string, scrapeTime: number): IngestBatch {
    const parsed = parsePrometheusText(text, scrapeTime);
    const batch: IngestBatch = { points: [], keys: [], declarations: [], errors: [] };
    for (const d of parsed.declarations) this.declare(batch, 0, d);
    for (const e of parsed.errors) this.reject(batch, e.lineNo, e.code, e.reason);
    parsed.points.forEach((p, i) => this.accept(batch, parsed.lineNos[i], p, true));
    this.counters.lines += parsed.points.length + parsed.errors.length;
    batch.errors.sort((a, b) => a.lineNo - b.lineNo);
    return batch;
  }

  /** Returns false when the declaration conflicts with an earlier one. */
  private declare(batch: IngestBatch, lineNo: number, d: MetricDeclaration): boolean {
    const known = this.kinds.get(d.name);
    if (!known) {
      this.kinds.set(d.name, d);
      this.counters.declarations++;
      batch.declarations.push(d);
      return true;
    }
    if (known.kind === d.kind) return true;
    this.reject(batch, lineNo, 'kind-conflict', `${d.name} is declared ${known.kind}, this line says ${d.kind}`);
    return false;
  }

  private keyOf(p: MetricPoint): string {
    let inner = this.keyCache.get(p.metric);
    if (!inner) {
      inner = new Map();
      this.keyCache.set(p.metric, inner);
    }
    const json = JSON.stringify(p.tags);
    let key = inner.get(json);
    if (key === undefined) {
      key = seriesKey(p.metric, p.tags);
      inner.set(json, key);
    }
    return key;
  }

  private accept(batch: IngestBatch, lineNo: number, p: MetricPoint, dedupeEqual: boolean): void {
    const key = this.keyOf(p);
    const last = this.lastTime.get(key);
    if (last !== undefined) {
      if (dedupeEqual && p.time === last) {
        this.counters.duplicates++;
        return;
      }
      if (p.time < last - this.lateToleranceMs) {
        const by = Math.round(last - p.time);
        this.reject(batch, lineNo, 'out-of-order', `timestamp out of order: ${by} ms before the previous point of ${key}`);
        return;
      }
      if (p.time < last) this.counters.late++;
    }
    if (last === undefined || p.time > last) this.lastTime.set(key, p.time);
    this.counters.accepted++;
    batch.points.push(p);
    batch.keys.push(key);
  }

  private reject(batch: IngestBatch, lineNo: number, code: RejectCode, reason: string): void {
    this.counters.rejected++;
    this.counters.rejectedByReason[code] = (this.counters.rejectedByReason[code] ?? 0) + 1;
    batch.errors.push({ lineNo, code, reason });
  }
}
