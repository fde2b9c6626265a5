/** Migration 1: plans, runs, attempts, evidence and the run event log. Times are epoch ms. */
import type { Database } from 'better-sqlite3';

export function createRunTables(db: Database): void {
  db.exec(`
    CREATE TABLE plans (
      digest     TEXT PRIMARY KEY,
      plan_key   TEXT NOT NULL,
      path       TEXT NOT NULL,
      source     TEXT NOT NULL,
      first_seen INTEGER NOT NULL
    );

    CREATE TABLE runs (
      id           INTEGER PRIMARY KEY,
      plan_key     TEXT NOT NULL,
      plan_digest  TEXT NOT NULL,
      plan_path    TEXT NOT NULL,
      gate_id      TEXT NOT NULL,
      gate_digest  TEXT NOT NULL,
      run_no       INTEGER NOT NULL,
      status       TEXT NOT NULL,
      reason       TEXT,
      operator     TEXT,
      target       TEXT NOT NULL,
      durable      INTEGER NOT NULL DEFAULT 0,
      started_at   INTEGER NOT NULL,
      ended_at     INTEGER,
      owner_pid    INTEGER,
      run_dir      TEXT NOT NULL,
      metrics_path TEXT NOT NULL,
      UNIQUE (plan_key, gate_id, run_no)
    );
    -- The UNIQUE index above (plan_key, gate_id, run_no) serves max(run_no) and
    -- latest-per-gate lookups; this one serves "what is still running".
    CREATE INDEX runs_by_status ON runs (status);

    CREATE TABLE attempts (
      run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      n           INTEGER NOT NULL,
      status      TEXT NOT NULL,
      exit_code   INTEGER,
      signal      TEXT,
      timed_out   INTEGER NOT NULL DEFAULT 0,
      started_at  INTEGER NOT NULL,
      ended_at    INTEGER,
      duration_ms INTEGER,
      log_path    TEXT NOT NULL,
      log_bytes   INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (run_id, n)
    ) WITHOUT ROWID;

    CREATE TABLE evidence (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      path   TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      size   INTEGER NOT NULL,
      PRIMARY KEY (run_id, path)
    ) WITHOUT ROWID;

    -- No foreign key on run_id: an event log must accept plan-level events
    -- and must never make a write fail.
    CREATE TABLE events (
      id      INTEGER PRIMARY KEY,
      ts      INTEGER NOT NULL,
      run_id  INTEGER,
      gate_id TEXT,
      type    TEXT NOT NULL,
      data    TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX events_by_run ON events (run_id, id);
  `);
}
