/**
 * Migration 3: metric series, points, per-minute and per-hour rollups,
 * threshold verdicts and per-run ingest counters. Times are epoch ms.
 *
 * Points are keyed (series_id, ts, seq) WITHOUT ROWID: a chart or export
 * reads one series in time order straight off the primary key. `seq` is 0
 * for a point later than every earlier one of its series, and a per-series
 * counter otherwise (equal or slightly late timestamps), so the key stays
 * unique without a lookup. Rollups hold min, max, sum, count and the first
 * and last point time of each bucket; they are updated in the same
 * transaction as the points they summarise.
 */
import type { Database } from 'better-sqlite3';

const rollup = (name: string) => `
    CREATE TABLE ${name} (
      series_id INTEGER NOT NULL,
      bucket    INTEGER NOT NULL,
      min       REAL NOT NULL,
      max       REAL NOT NULL,
      sum       REAL NOT NULL,
      count     INTEGER NOT NULL,
      first_ts  INTEGER NOT NULL,
      last_ts   INTEGER NOT NULL,
      PRIMARY KEY (series_id, bucket)
    ) WITHOUT ROWID;`;

export function createMetricTables(db: Database): void {
  db.exec(`
    CREATE TABLE metric_series (
      id        INTEGER PRIMARY KEY,
      run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      metric    TEXT NOT NULL,
      tags_json TEXT NOT NULL,
      key       TEXT NOT NULL,
      kind      TEXT NOT NULL,
      seq_hi    INTEGER NOT NULL DEFAULT 0,
      UNIQUE (run_id, key)
    );

    CREATE TABLE metric_points (
      series_id INTEGER NOT NULL,
      ts        INTEGER NOT NULL,
      seq       INTEGER NOT NULL,
      value     REAL NOT NULL,
      PRIMARY KEY (series_id, ts, seq)
    ) WITHOUT ROWID;
    ${rollup('metric_rollup_1m')}
    ${rollup('metric_rollup_1h')}

    CREATE TABLE metric_verdicts (
      run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      idx          INTEGER NOT NULL,
      metric       TEXT NOT NULL,
      key          TEXT NOT NULL,
      expr         TEXT NOT NULL,
      ok           INTEGER NOT NULL,
      value        REAL,
      breached_at  INTEGER,
      window_start INTEGER,
      abort        INTEGER NOT NULL DEFAULT 0,
      final        INTEGER NOT NULL DEFAULT 0,
      updated_at   INTEGER NOT NULL,
      PRIMARY KEY (run_id, idx)
    );

    CREATE TABLE metric_ingest (
      run_id          INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
      lines           INTEGER NOT NULL,
      points          INTEGER NOT NULL,
      bad_lines       INTEGER NOT NULL,
      bad_by_reason   TEXT NOT NULL,
      bad_samples     TEXT NOT NULL,
      scrapes         INTEGER NOT NULL,
      scrape_failures INTEGER NOT NULL,
      bytes_read      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL
    );
  `);
}
