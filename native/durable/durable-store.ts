/**
 * Durable attempts in the cockpit database (table of migration 4): where each
 * one runs and the offsets already copied, committed in one transaction with
 * the attempt's stored log length.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { HostDef } from '../../electron/core/plan/types';

export interface DurableRow {
  runId: number;
  n: number;
  /** Host name from the plan; null on this machine. */
  host: string | null;
  /** The host as it was when the attempt started (reattach uses it even if the plan changed). */
  hostDef: HostDef | null;
  stateDir: string;
  startedAt: number;
  logOffset: number;
  logBytes: number;
  metricsBase: number;
  exitCode: number | null;
  endedAt: number | null;
}

interface Row {
  run_id: number; n: number; host: string | null; host_json: string | null; state_dir: string; started_at: number;
  log_offset: number; log_bytes: number; metrics_base: number; exit_code: number | null; ended_at: number | null;
}

const toRow = (r: Row): DurableRow => ({
  runId: r.run_id, n: r.n, host: r.host, hostDef: r.host_json ? (JSON.parse(r.host_json) as HostDef) : null,
  stateDir: r.state_dir, startedAt: r.started_at, logOffset: r.log_offset, logBytes: r.log_bytes,
  metricsBase: r.metrics_base, exitCode: r.exit_code, endedAt: r.ended_at,
});

export class DurableStore {
  private readonly q: Record<string, Statement>;
  private readonly commitTx: (runId: number, n: number, logOffset: number, logBytes: number) => void;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      get: p('SELECT * FROM durable_attempts WHERE run_id = ? AND n = ?'),
      insert: p(`INSERT INTO durable_attempts (run_id, n, host, host_json, state_dir, started_at, metrics_base)
                 VALUES (@runId, @n, @host, @hostJson, @stateDir, @startedAt, @metricsBase)`),
      offsets: p('UPDATE durable_attempts SET log_offset = ?, log_bytes = ? WHERE run_id = ? AND n = ?'),
      attemptBytes: p('UPDATE attempts SET log_bytes = ? WHERE run_id = ? AND n = ?'),
      finish: p('UPDATE durable_attempts SET exit_code = ?, ended_at = ? WHERE run_id = ? AND n = ?'),
      claim: p(`UPDATE runs SET owner_pid = @pid WHERE id = @runId AND status = 'running' AND durable = 1
                  AND owner_pid IS @expected`),
    };
    const tx = db.transaction((runId: number, n: number, logOffset: number, logBytes: number) => {
      this.q.offsets.run(logOffset, logBytes, runId, n);
      this.q.attemptBytes.run(logBytes, runId, n);
    });
    this.commitTx = (runId, n, logOffset, logBytes) => tx.immediate(runId, n, logOffset, logBytes);
  }

  get(runId: number, n: number): DurableRow | null {
    const r = this.q.get.get(runId, n) as Row | undefined;
    return r ? toRow(r) : null;
  }

  create(row: Pick<DurableRow, 'runId' | 'n' | 'hostDef' | 'stateDir' | 'startedAt' | 'metricsBase'>): DurableRow {
    this.q.insert.run({
      runId: row.runId, n: row.n, host: row.hostDef?.name ?? null,
      hostJson: row.hostDef ? JSON.stringify(row.hostDef) : null,
      stateDir: row.stateDir, startedAt: row.startedAt, metricsBase: row.metricsBase,
    });
    return this.get(row.runId, row.n)!;
  }

  /** The target's output.log up to `logOffset` is in the local log, which is `logBytes` long. */
  commit(runId: number, n: number, logOffset: number, logBytes: number): void {
    this.commitTx(runId, n, logOffset, logBytes);
  }

  finish(runId: number, n: number, exitCode: number | null, endedAt: number): void {
    this.q.finish.run(exitCode, endedAt, runId, n);
  }

  /** Takes over a durable run from `expected` (a dead owner); false if someone else got there first. */
  claim(runId: number, expected: number | null, pid: number): boolean {
    return this.q.claim.run({ runId, expected, pid }).changes === 1;
  }
}
