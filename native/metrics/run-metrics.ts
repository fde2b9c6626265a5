/**
 * One run's metrics pipeline while its gate runs:
 *
 *   metrics file --FileTailer--> ParseChannel (worker: splitter + MetricIngest) --> column batches
 *   scrape URL   --Scraper----->      "                                              |
 *   column batches --> PointWriter (SQLite, rollups) + ThresholdEvaluator
 *   every second: evaluate, store verdicts and counters, tell the runner
 *   finish: read to the end, final verdicts, store them
 *
 * Reading waits while more than `maxPendingBytes` are being parsed, so a
 * large backlog streams through in bounded memory. Nothing here throws into
 * the run: bad lines, scrape failures, a truncated file or a store error
 * become events and counters.
 */
import type { IngestCounters } from '../../electron/core/metrics/ingest';
import { ThresholdEvaluator, type ThresholdVerdict } from '../../electron/core/metrics/threshold-eval';
import type { LineError, MetricKind, MetricPoint } from '../../electron/core/metrics/types';
import type { Gate } from '../../electron/core/plan/types';
import type { MetricsStats, MetricsWatch, MetricsWatchHooks } from '../../electron/core/runs/ports';
import type { RunRecord } from '../../electron/core/runs/types';
import type { ColumnBatch } from './chunk-parser';
import { FileTailer } from './file-tailer';
import type { SqliteMetricsStore } from './metrics-store';
import { findParseWorker, ParseChannel, type WorkerSpec } from './parse-channel';
import type { PointWriter } from './point-writer';
import { Scraper } from './scraper';

export interface RunMetricsOptions {
  pollMs?: number;
  evalMs?: number;
  maxLineBytes?: number;
  /** The parse worker; default: found next to this code. `null`: parse in this thread. */
  worker?: WorkerSpec | null;
  maxPendingBytes?: number;
  now?: () => number;
}

/** Bad lines kept with their reason for status; the rest are counted. */
const KEEP_SAMPLES = 50;
/** Bad lines listed in one event. */
const LIST_PER_EVENT = 20;

const ZERO: IngestCounters = { lines: 0, accepted: 0, declarations: 0, rejected: 0, rejectedByReason: {}, late: 0, duplicates: 0 };

export class RunMetrics implements MetricsWatch {
  private readonly channel: ParseChannel;
  private readonly evaluator: ThresholdEvaluator;
  private readonly writer: PointWriter;
  private readonly tailer: FileTailer;
  private readonly scraper: Scraper | null;
  private readonly now: () => number;
  private readonly kinds = new Map<string, MetricKind>();
  /** One reusable point per series index of the current parser (the evaluator keeps no reference). */
  private points: MetricPoint[] = [];
  /** Counters of parsers replaced after a worker failure, plus the current parser's. */
  private base: IngestCounters = ZERO;
  private counters: IngestCounters = ZERO;
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private lastTime: number | null = null;
  private readonly badSamples: LineError[] = [];
  private unreported: LineError[] = [];
  private unreportedCount = 0;
  private storeError = false;
  private rewound = false;
  private finished: Promise<{ verdicts: ThresholdVerdict[]; stats: MetricsStats }> | null = null;

  constructor(
    private readonly store: SqliteMetricsStore,
    private readonly run: RunRecord,
    gate: Gate,
    private readonly hooks: MetricsWatchHooks,
    private readonly opts: RunMetricsOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.evaluator = new ThresholdEvaluator(gate.thresholds);
    this.writer = store.writer(run.id);
    const maxPending = opts.maxPendingBytes ?? 4 * 1024 * 1024;
    this.channel = new ParseChannel({
      worker: opts.worker === undefined ? findParseWorker() : opts.worker,
      state: { maxLineBytes: opts.maxLineBytes },
      now: this.now,
      onBatch: (b) => this.guard(() => this.handle(b)),
      onRewind: (offset, reason) => this.rewind(offset, reason),
    });
    this.tailer = new FileTailer(run.metricsPath, {
      onBytes: (chunk) => this.channel.push(chunk),
      onProblem: (kind, message) => this.hooks.onEvent(`metrics.${kind}`, { message, offset: this.tailer.offset }),
    }, { pollMs: opts.pollMs, sliceBytes: Math.max(64 * 1024, maxPending / 2), ready: () => this.channel.pendingBytes < maxPending });
    const scrape = gate.metrics?.scrape;
    this.scraper = scrape
      ? new Scraper(scrape.url, scrape.everyMs, {
          onBody: (text, at) => this.channel.pushPrometheus(text, at, `scrape ${this.scraper!.scrapes}: `),
          onFailure: (message, failures) => {
            this.dirty = true;
            this.hooks.onEvent('metrics.scrape-failed', { message, failures });
          },
        }, this.now)
      : null;
  }

  start(): this {
    this.tailer.start();
    this.scraper?.start();
    this.timer = setInterval(() => this.guard(() => this.tick()), this.opts.evalMs ?? 1000);
    return this;
  }

  finish() {
    this.finished ??= this.doFinish();
    return this.finished;
  }

  /**
   * The process is going away while a durable run goes on (MetricsWatch.detach):
   * stop the timer, the scraper, the tailer and the parse worker; store nothing final.
   */
  detach(): void {
    if (this.finished) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.scraper?.stop();
    const close = () => this.channel.close();
    void this.tailer.stop().then(close, close);
  }

  private async doFinish() {
    if (this.timer) clearInterval(this.timer);
    await this.scraper?.stop();
    await this.tailer.stop();
    for (;;) {
      this.rewound = false;
      await this.channel.end();
      if (!this.rewound) break;
      await this.tailer.drain(); // the worker failed while finishing: read again from where it left off
    }
    this.channel.close();
    const final = this.evaluator.final();
    this.guardStore(() => this.store.saveVerdicts(this.run.id, final.verdicts, true, this.now()));
    const stats = this.stats();
    this.guardStore(() => this.saveStats(stats));
    this.reportBadLines();
    return { verdicts: final.verdicts, stats };
  }

  private handle(b: ColumnBatch): void {
    this.dirty = true;
    this.counters = b.counters;
    for (const d of b.declarations) {
      this.kinds.set(d.name, d.kind);
      this.evaluator.declare(d.name, d.kind);
      this.guardStore(() => this.writer.setKind(d.name, d.kind));
    }
    for (const s of b.series) this.points[s.idx] = { metric: s.metric, tags: s.tags, time: 0, value: 0 };
    this.guardStore(() => this.writer.writeColumns(b, (m) => this.kinds.get(m) ?? 'gauge'));
    const { idx, time, value } = b;
    for (let i = 0; i < idx.length; i++) {
      const p = this.points[idx[i]];
      p.time = time[i];
      p.value = value[i];
      this.evaluator.add(p);
      if (this.lastTime === null || p.time > this.lastTime) this.lastTime = p.time;
    }
    for (const e of b.errors) {
      if (this.badSamples.length < KEEP_SAMPLES) this.badSamples.push(e);
      if (this.unreported.length < LIST_PER_EVENT) this.unreported.push(e);
      this.unreportedCount++;
    }
    this.tailer.kick();
  }

  /** The parse worker failed: its successor (in this thread) numbers series afresh and counts from zero. */
  private rewind(offset: number, reason: string): void {
    this.rewound = true;
    this.base = sum(this.base, this.counters);
    this.counters = ZERO;
    this.points = [];
    this.writer.resetIndex();
    this.hooks.onEvent('metrics.error', { message: `${reason}; parsing continues in the host from byte ${offset}` });
    this.tailer.rewind(offset);
  }

  private tick(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const e = this.evaluator.evaluate();
    const stats = this.stats();
    this.guardStore(() => {
      this.store.saveVerdicts(this.run.id, e.verdicts, false, this.now());
      this.saveStats(stats);
    });
    this.reportBadLines();
    this.hooks.onEvaluation(e, stats);
  }

  private stats(): MetricsStats {
    const c = sum(this.base, this.counters);
    return {
      lines: c.lines, points: c.accepted, series: this.writer.seriesCount, badLines: c.rejected,
      badSamples: this.badSamples.slice(), scrapes: this.scraper?.scrapes ?? 0,
      scrapeFailures: this.scraper?.failures ?? 0, lastTime: this.lastTime,
    };
  }

  private saveStats(stats: MetricsStats): void {
    const badByReason = sum(this.base, this.counters).rejectedByReason as Record<string, number>;
    this.store.saveStats(this.run.id, { ...stats, badByReason, bytesRead: this.tailer.offset }, this.now());
  }

  private reportBadLines(): void {
    if (this.unreportedCount === 0) return;
    this.hooks.onEvent('metrics.bad-lines', {
      count: this.unreportedCount,
      total: sum(this.base, this.counters).rejected,
      lines: this.unreported.map((e) => ({ lineNo: e.lineNo, code: e.code, reason: e.reason })),
    });
    this.unreported = [];
    this.unreportedCount = 0;
  }

  /** A store failure is reported once; ingestion and evaluation go on. */
  private guardStore(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (this.storeError) return;
      this.storeError = true;
      this.hooks.onEvent('metrics.store-error', { message: (err as Error).message });
    }
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.hooks.onEvent('metrics.error', { message: (err as Error).message });
    }
  }
}

function sum(a: IngestCounters, b: IngestCounters): IngestCounters {
  const reasons: Record<string, number> = { ...a.rejectedByReason };
  for (const [k, v] of Object.entries(b.rejectedByReason)) reasons[k] = (reasons[k] ?? 0) + (v ?? 0);
  return {
    lines: a.lines + b.lines, accepted: a.accepted + b.accepted, declarations: a.declarations + b.declarations,
    rejected: a.rejected + b.rejected, rejectedByReason: reasons, late: a.late + b.late, duplicates: a.duplicates + b.duplicates,
  };
}
