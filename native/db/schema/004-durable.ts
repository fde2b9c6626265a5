/**
 * Migration 4: where each durable attempt runs and how far the cockpit has
 * copied it. `log_offset` (bytes of the target's output.log) and `log_bytes`
 * (the local attempt log's length holding exactly those bytes, masked) are
 * committed together; after a crash the local log is cut back to `log_bytes`
 * and reading resumes at `log_offset`, so nothing is lost or repeated.
 * Remote metrics are appended verbatim to the run's metrics file, which held
 * `metrics_base` bytes when the attempt started: its length says where to resume.
 */
import type { Database } from 'better-sqlite3';

export function createDurableTables(db: Database): void {
  db.exec(`
    CREATE TABLE durable_attempts (
      run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      n            INTEGER NOT NULL,
      host         TEXT,
      host_json    TEXT,
      state_dir    TEXT NOT NULL,
      started_at   INTEGER NOT NULL,
      log_offset   INTEGER NOT NULL DEFAULT 0,
      log_bytes    INTEGER NOT NULL DEFAULT 0,
      metrics_base INTEGER NOT NULL DEFAULT 0,
      exit_code    INTEGER,
      ended_at     INTEGER,
      PRIMARY KEY (run_id, n)
    ) WITHOUT ROWID;
  `);
}
