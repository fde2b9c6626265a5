/**
 * Bytes of a metrics file (or Prometheus scrapes) -> column batches, with
 * the core's splitter and MetricIngest. Runs in the parse worker, or in the
 * host thread when no worker is available; both give the same batches.
 *
 * Points travel as columns (series index, time, value) in typed arrays, so a
 * batch crosses threads without copying objects, and each series is named
 * once, in the batch where it first appears.
 */
import { createLineSplitter, type LineSplitter } from '../../electron/core/metrics/line-splitter';
import { MetricIngest, type IngestBatch, type IngestCounters } from '../../electron/core/metrics/ingest';
import { sortedTagEntries } from '../../electron/core/metrics/series-key';
import type { LineError, MetricDeclaration } from '../../electron/core/metrics/types';

export interface SeriesDef {
  idx: number;
  metric: string;
  /** Sorted by key. */
  tags: Record<string, string>;
  key: string;
}

export interface ColumnBatch {
  series: SeriesDef[];
  idx: Int32Array;
  time: Float64Array;
  value: Float64Array;
  declarations: MetricDeclaration[];
  errors: LineError[];
  /** Cumulative. */
  counters: IngestCounters;
  /** File offset just past the last complete line, and the next line's number: where a resumed read starts. */
  committed: number;
  nextLineNo: number;
}

export interface ChunkParserState {
  maxLineBytes?: number;
  /** File offset of the first byte pushed. */
  offset?: number;
  firstLineNo?: number;
}

export class ChunkParser {
  private readonly splitter: LineSplitter;
  private readonly ingest = new MetricIngest();
  private readonly byKey = new Map<string, number>();
  private readonly base: number;
  private newSeries: SeriesDef[] = [];

  constructor(state: ChunkParserState = {}) {
    this.splitter = createLineSplitter(state.maxLineBytes, state.firstLineNo);
    this.base = state.offset ?? 0;
  }

  push(chunk: Buffer, now: number): ColumnBatch {
    return this.columns(this.ingest.push(this.splitter.push(chunk), now));
  }

  /** The last line, when the file ended without a newline: only once the writer is done. */
  end(now: number): ColumnBatch {
    return this.columns(this.ingest.push(this.splitter.end(), now));
  }

  pushPrometheus(text: string, scrapeTime: number, prefix: string): ColumnBatch {
    const b = this.ingest.pushPrometheus(text, scrapeTime);
    for (const e of b.errors) e.reason = `${prefix}${e.reason}`;
    return this.columns(b);
  }

  private columns(b: IngestBatch): ColumnBatch {
    const n = b.points.length;
    const idx = new Int32Array(n);
    const time = new Float64Array(n);
    const value = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = b.points[i];
      idx[i] = this.indexOf(b.keys[i], p);
      time[i] = p.time;
      value[i] = p.value;
    }
    const series = this.newSeries;
    this.newSeries = [];
    const c = this.ingest.counters;
    return {
      series, idx, time, value, declarations: b.declarations, errors: b.errors,
      counters: { ...c, rejectedByReason: { ...c.rejectedByReason } },
      committed: this.base + this.splitter.committedBytes,
      nextLineNo: this.splitter.nextLineNo,
    };
  }

  /** The index of a series key; a new key is announced in the batch. */
  private indexOf(key: string, p: { metric: string; tags: Record<string, string> }): number {
    let idx = this.byKey.get(key);
    if (idx === undefined) {
      idx = this.byKey.size;
      this.byKey.set(key, idx);
      this.newSeries.push({ idx, metric: p.metric, tags: Object.fromEntries(sortedTagEntries(p.tags)), key });
    }
    return idx;
  }
}
