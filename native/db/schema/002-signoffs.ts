/**
 * Migration 2: the audit chain, the operator's identity on runs, each run's
 * frozen evidence file list, signed results, sign-offs and waivers.
 * Events written before this migration are chained here, in id order.
 */
import type { Database } from 'better-sqlite3';
import type { RunEvent } from '../../../electron/core/runs/types';
import { AuditLog } from '../audit-log';

export function createSignoffTables(db: Database): void {
  db.exec(`
    ALTER TABLE runs ADD COLUMN operator_key_id TEXT;
    -- Set once the run's evidence file list (run_files) is fixed.
    ALTER TABLE runs ADD COLUMN frozen_at INTEGER;

    CREATE TABLE audit (
      chain    TEXT NOT NULL,
      seq      INTEGER NOT NULL,
      event_id INTEGER NOT NULL UNIQUE,
      hash     TEXT NOT NULL,
      -- The event's canonical JSON, exactly as exported to audit.jsonl.
      line     TEXT NOT NULL,
      PRIMARY KEY (chain, seq)
    ) WITHOUT ROWID;

    -- What a run's evidence manifest lists: paths under gates/<id>/, all stored as blobs.
    CREATE TABLE run_files (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      path   TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      size   INTEGER NOT NULL,
      PRIMARY KEY (run_id, path)
    ) WITHOUT ROWID;

    CREATE TABLE run_results (
      run_id          INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
      key_id          TEXT NOT NULL,
      plan_digest     TEXT NOT NULL,
      manifest_sha256 TEXT NOT NULL,
      envelope        TEXT NOT NULL,
      signed_at       INTEGER NOT NULL
    );

    -- Sign-offs (one per key and run: a newer one replaces it) and waivers (one per run).
    CREATE TABLE signatures (
      id          INTEGER PRIMARY KEY,
      run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      kind        TEXT NOT NULL CHECK (kind IN ('signoff', 'waiver')),
      key_id      TEXT NOT NULL,
      person      TEXT NOT NULL,
      role        TEXT NOT NULL,
      decision    TEXT,
      plan_digest TEXT NOT NULL,
      envelope    TEXT NOT NULL,
      source      TEXT NOT NULL,
      stored_at   INTEGER NOT NULL,
      UNIQUE (run_id, kind, key_id)
    );
  `);
  const audit = new AuditLog(db);
  const rows = db.prepare('SELECT id, ts, run_id, gate_id, type, data FROM events ORDER BY id').all() as {
    id: number; ts: number; run_id: number | null; gate_id: string | null; type: string; data: string;
  }[];
  for (const r of rows) {
    const event: RunEvent = { ts: r.ts, runId: r.run_id, gateId: r.gate_id, type: r.type, data: JSON.parse(r.data) };
    audit.append(r.id, event);
  }
}
