/**
 * Ingest: 48 h x 1 Hz x 10 series (1,728,000 points) of k6 `--out json` read
 * by a run's real pipeline (tailer, splitter, parser, thresholds, batched
 * SQLite writes with rollups), against a bare better-sqlite3 insert of the
 * same rows (series, ts, seq, value) into the same table, same batch size.
 */
import { openDatabase } from '../../native/db/open-database';
import { RunMetrics } from '../../native/metrics/run-metrics';
import { writeK6Soak } from './k6-soak-file';
import { benchStore, benchWorker, quietHooks } from './metrics-bench-setup';
import type { BenchResult } from './types';
import { join } from 'node:path';

/** Rows per tailer read (1 MiB of ~146-byte lines), the pipeline's batch size. */
const BATCH = 7000;

async function pipeline(): Promise<{ seconds: number; points: number; rows: Float64Array[] }> {
  const b = benchStore('ingest');
  try {
    const points = writeK6Soak(b.run.metricsPath);
    const started = performance.now();
    const watch = new RunMetrics(b.metrics, b.run, b.gate, quietHooks, { worker: benchWorker() }).start();
    const done = await watch.finish();
    const seconds = (performance.now() - started) / 1000;
    if (done.stats.points !== points || done.stats.badLines !== 0) throw new Error(`ingested ${done.stats.points} of ${points}`);
    // In the file's order (time, then series), as the pipeline inserted them.
    const raw = b.store.db.prepare('SELECT series_id, ts, seq, value FROM metric_points ORDER BY ts, series_id').raw().all() as number[][];
    const cols = [0, 1, 2, 3].map((c) => Float64Array.from(raw, (r) => r[c]));
    return { seconds, points, rows: cols };
  } finally {
    b.dispose();
  }
}

function bare(dir: string, [sid, ts, seq, value]: Float64Array[]): number {
  const db = openDatabase(join(dir, 'bare.db'));
  try {
    const insert = db.prepare('INSERT INTO metric_points (series_id, ts, seq, value) VALUES (?, ?, ?, ?)');
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(sid[i], ts[i], seq[i], value[i]);
    });
    const started = performance.now();
    for (let i = 0; i < sid.length; i += BATCH) batch(i, Math.min(i + BATCH, sid.length));
    return (performance.now() - started) / 1000;
  } finally {
    db.close();
  }
}

const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function benchIngest(): Promise<BenchResult> {
  const rates: number[] = [];
  const bareRates: number[] = [];
  const ratios: number[] = [];
  let points = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const p = await pipeline();
    const scratch = benchStore('bare');
    try {
      const bareSeconds = bare(scratch.dir, p.rows);
      points = p.points;
      rates.push(p.points / p.seconds);
      bareRates.push(p.points / bareSeconds);
      ratios.push(p.points / p.seconds / (p.points / bareSeconds));
    } finally {
      scratch.dispose();
    }
  }
  const ratio = median(ratios);
  return {
    name: 'ingest',
    figures: [
      { label: 'pipeline: k6 file -> tailer -> parse -> thresholds -> SQLite + rollups (median)', value: median(rates), unit: 'points/s' },
      { label: 'bare better-sqlite3 insert of the same rows (median)', value: median(bareRates), unit: 'points/s' },
      { label: 'pipeline / bare (median of rounds)', value: ratio, unit: '×', target: '≥ 0.5', ok: ratio >= 0.5 },
      { label: 'pipeline wall time for 48 h of 10 series (median)', value: points / median(rates), unit: 's' },
    ],
    notes: [
      `${points.toLocaleString('en')} points (48 h × 1 Hz × 10 series), k6 JSON lines with RFC 3339 ns times; thresholds p(95), p(99), rate, slope evaluated live. ${ROUNDS} rounds, each pipeline then bare.`,
      `Bare: one prepared INSERT, one transaction per ${BATCH} rows, into the same WITHOUT ROWID table (WAL, synchronous=NORMAL), rows in the file's order.`,
      'The pipeline parses in a worker thread (dist/metrics-worker.cjs) while the host thread writes: on 2 shared cores the ratio moves with the load of the machine.',
    ],
  };
}
