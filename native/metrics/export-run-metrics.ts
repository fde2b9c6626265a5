/**
 * `metrics.csv` and `thresholds.json` of one run, for the evidence bundle.
 *
 * The CSV lists each series' points in time order, series after series
 * (sorted by metric and key): every page is read straight off the points'
 * primary key, so a 48-hour export never sorts and never holds the run in
 * memory. Between pages the event loop is free (the connection is not held
 * by an open iterator across awaits).
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE } from '../fs/private-files';
import { once } from 'node:events';
import type { Database } from 'better-sqlite3';
import { metricCsvRow, METRICS_CSV_HEADER, thresholdsJson } from '../../electron/core/metrics/export-csv';
import type { StoredVerdict } from '../../electron/core/runs/ports';

const PAGE = 20_000;

export async function exportRunMetrics(
  db: Database,
  runId: number,
  verdicts: StoredVerdict[],
  dir: string,
): Promise<{ csv: string; thresholds: string; points: number }> {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const csv = join(dir, 'metrics.csv');
  const thresholds = join(dir, 'thresholds.json');
  writeFileSync(thresholds, thresholdsJson(verdicts.map(({ final: _final, ...v }) => v)), { mode: PRIVATE_FILE });
  const series = db
    .prepare('SELECT id, metric, tags_json FROM metric_series WHERE run_id = ? ORDER BY metric, key')
    .all(runId) as { id: number; metric: string; tags_json: string }[];
  const page = db
    .prepare(`SELECT ts, seq, value FROM metric_points WHERE series_id = ? AND (ts > ? OR (ts = ? AND seq > ?))
              ORDER BY ts, seq LIMIT ${PAGE}`)
    .raw();
  const out = createWriteStream(csv, { mode: PRIVATE_FILE });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let points = 0;
  try {
    await write(`${METRICS_CSV_HEADER}\n`);
    for (const s of series) {
      const tags = JSON.parse(s.tags_json) as Record<string, string>;
      let lastTs = -Infinity;
      let lastSeq = -1;
      for (;;) {
        const rows = page.all(s.id, lastTs, lastTs, lastSeq) as [number, number, number][];
        if (rows.length === 0) break;
        let text = '';
        for (const [ts, , value] of rows) text += `${metricCsvRow({ metric: s.metric, tags, time: ts, value })}\n`;
        points += rows.length;
        [lastTs, lastSeq] = rows[rows.length - 1];
        await write(text);
        if (rows.length < PAGE) break;
      }
    }
  } finally {
    out.end();
  }
  await Promise.race([once(out, 'finish'), failed]);
  return { csv, thresholds, points };
}
