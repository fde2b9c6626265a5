/** RunStore on better-sqlite3. Every statement is prepared once, in the constructor. */
import path from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import type { NewRun, RunFilter, RunStore } from '../../electron/core/runs/ports';
import type { AttemptRecord, EvidenceItem, RunEvent, RunRecord } from '../../electron/core/runs/types';
import { storeLayout, type StoreLayout } from '../../electron/core/data-dir';
import { METRICS_FILE, runDirFor } from '../fs/run-dir';
import { ensurePrivateFile, mkdirPrivate } from '../fs/private-files';
import { AuditLog } from './audit-log';
import { openDatabase } from './open-database';
import {
  attemptParams, patchParams, patchSql, toAttempt, toEvent, toEvidence, toRun,
  type AttemptRow, type EventRow, type RunRow,
} from './run-rows';

type RunPatch = Parameters<RunStore['updateRun']>[1];

const RUN_PATCH = { status: 'status', reason: 'reason', ended_at: 'endedAt', owner_pid: 'ownerPid' } as const;
const ATTEMPT_PATCH = {
  status: 'status', exit_code: 'exitCode', signal: 'signal', timed_out: 'timedOut', started_at: 'startedAt',
  ended_at: 'endedAt', duration_ms: 'durationMs', log_path: 'logPath', log_bytes: 'logBytes',
} as const;

export class SqliteRunStore implements RunStore {
  private readonly q: Record<string, Statement>;
  private readonly createRunTx: (run: NewRun) => RunRecord;
  private readonly addEvidenceTx: (runId: number, items: EvidenceItem[]) => void;
  private readonly appendEventTx: (event: RunEvent) => number;
  readonly audit: AuditLog;

  constructor(
    /** Shared with other stores of the same file (metrics, sign-offs, audit). */
    readonly db: Database,
    readonly layout: Pick<StoreLayout, 'runsDir'>,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      savePlan: p(`INSERT INTO plans (digest, plan_key, path, source, first_seen)
                   VALUES (@digest, @planKey, @path, @source, @now) ON CONFLICT (digest) DO NOTHING`),
      planSource: p('SELECT source FROM plans WHERE digest = ?').pluck(),
      nextRunNo: p('SELECT COALESCE(MAX(run_no), 0) + 1 FROM runs WHERE plan_key = ? AND gate_id = ?').pluck(),
      insertRun: p(`INSERT INTO runs (plan_key, plan_digest, plan_path, gate_id, gate_digest, run_no, status, reason,
                      operator, operator_key_id, target, durable, started_at, ended_at, owner_pid, run_dir, metrics_path)
                    VALUES (@planKey, @planDigest, @planPath, @gateId, @gateDigest, @runNo, @status, @reason,
                      @operator, @operatorKeyId, @target, @durable, @startedAt, NULL, @ownerPid, @runDir, @metricsPath)`),
      updateRun: p(`UPDATE runs SET ${patchSql(RUN_PATCH)} WHERE id = @id`),
      getRun: p('SELECT * FROM runs WHERE id = ?'),
      findRun: p('SELECT * FROM runs WHERE plan_key = ? AND gate_id = ? AND run_no = ?'),
      findLatest: p('SELECT * FROM runs WHERE plan_key = ? AND gate_id = ? ORDER BY run_no DESC LIMIT 1'),
      latestRuns: p(`SELECT r.* FROM runs r
                     JOIN (SELECT gate_id, MAX(run_no) AS run_no FROM runs WHERE plan_key = @planKey GROUP BY gate_id) l
                       ON r.gate_id = l.gate_id AND r.run_no = l.run_no
                     WHERE r.plan_key = @planKey ORDER BY r.gate_id`),
      listRuns: p(`SELECT * FROM runs
                   WHERE (@planKey IS NULL OR plan_key = @planKey) AND (@gateId IS NULL OR gate_id = @gateId)
                     AND (@status IS NULL OR status = @status)
                   ORDER BY id DESC LIMIT @limit`),
      runningRuns: p(`SELECT * FROM runs WHERE status = 'running' ORDER BY id`),
      addAttempt: p(`INSERT INTO attempts (run_id, n, status, exit_code, signal, timed_out, started_at, ended_at,
                       duration_ms, log_path, log_bytes)
                     VALUES (@run_id, @n, @status, @exit_code, @signal, @timed_out, @started_at, @ended_at,
                       @duration_ms, @log_path, @log_bytes)`),
      updateAttempt: p(`UPDATE attempts SET ${patchSql(ATTEMPT_PATCH)} WHERE run_id = @run_id AND n = @n`),
      attempts: p('SELECT * FROM attempts WHERE run_id = ? ORDER BY n'),
      addEvidence: p(`INSERT INTO evidence (run_id, path, sha256, size) VALUES (?, ?, ?, ?)
                      ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size`),
      evidence: p('SELECT path, sha256, size FROM evidence WHERE run_id = ? ORDER BY path'),
      appendEvent: p('INSERT INTO events (ts, run_id, gate_id, type, data) VALUES (?, ?, ?, ?, ?)'),
      events: p(`SELECT * FROM events WHERE (@runId IS NULL OR run_id = @runId) AND id > @afterId
                 ORDER BY id LIMIT @limit`),
    };

    const createRun = db.transaction((run: NewRun): RunRecord => {
      const runNo = this.q.nextRunNo.get(run.planKey, run.gateId) as number;
      const runDir = runDirFor(this.layout.runsDir, run.planKey, run.gateId, runNo);
      const metricsPath = path.join(runDir, METRICS_FILE);
      const { lastInsertRowid } = this.q.insertRun.run({
        ...run,
        reason: run.reason ?? null,
        operatorKeyId: run.operatorKeyId ?? null,
        durable: run.durable ? 1 : 0,
        runNo,
        runDir,
        metricsPath,
      });
      // Inside the transaction: if the directory cannot be made, no run row is left behind.
      mkdirPrivate(runDir);
      ensurePrivateFile(metricsPath);
      return this.getRun(Number(lastInsertRowid))!;
    });
    // IMMEDIATE takes the write lock before reading max(run_no), so two
    // processes creating runs of one gate wait for each other instead of colliding.
    this.createRunTx = (run) => createRun.immediate(run);

    const addEvidence = db.transaction((runId: number, items: EvidenceItem[]) => {
      for (const it of items) this.q.addEvidence.run(runId, it.path, it.sha256, it.size);
    });
    this.addEvidenceTx = (runId, items) => addEvidence.immediate(runId, items);

    this.audit = new AuditLog(db);
    // The event row and its audit entry commit together; IMMEDIATE takes the write lock
    // before reading the chain's head, so concurrent writers cannot fork the chain.
    const appendEvent = db.transaction((event: RunEvent): number => {
      const { lastInsertRowid } = this.q.appendEvent.run(
        event.ts, event.runId, event.gateId, event.type, JSON.stringify(event.data),
      );
      const id = Number(lastInsertRowid);
      this.audit.append(id, event);
      return id;
    });
    this.appendEventTx = (event) => appendEvent.immediate(event);
  }

  savePlan(plan: { digest: string; planKey: string; path: string; source: string }): void {
    this.q.savePlan.run({ ...plan, now: Date.now() });
  }

  planSource(digest: string): string | null {
    return (this.q.planSource.get(digest) as string | undefined) ?? null;
  }

  createRun(run: NewRun): RunRecord {
    return this.createRunTx(run);
  }

  updateRun(runId: number, patch: RunPatch): void {
    const { changes } = this.q.updateRun.run({ id: runId, ...patchParams<RunRecord>(patch, RUN_PATCH) });
    if (changes === 0) throw new Error(`run ${runId} not found`);
  }

  getRun(runId: number): RunRecord | null {
    const row = this.q.getRun.get(runId) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  findRun(planKey: string, gateId: string, runNo?: number): RunRecord | null {
    const row = (
      runNo === undefined ? this.q.findLatest.get(planKey, gateId) : this.q.findRun.get(planKey, gateId, runNo)
    ) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  latestRuns(planKey: string): Map<string, RunRecord> {
    const rows = this.q.latestRuns.all({ planKey }) as RunRow[];
    return new Map(rows.map((r) => [r.gate_id, toRun(r)]));
  }

  /** Newest first; `limit` omitted means all. */
  listRuns(filter: RunFilter): RunRecord[] {
    const rows = this.q.listRuns.all({
      planKey: filter.planKey ?? null,
      gateId: filter.gateId ?? null,
      status: filter.status ?? null,
      limit: filter.limit ?? -1,
    }) as RunRow[];
    return rows.map(toRun);
  }

  runningRuns(): RunRecord[] {
    return (this.q.runningRuns.all() as RunRow[]).map(toRun);
  }

  addAttempt(runId: number, attempt: AttemptRecord): void {
    this.q.addAttempt.run(attemptParams(runId, attempt));
  }

  updateAttempt(runId: number, n: number, patch: Partial<AttemptRecord>): void {
    const params = patchParams<AttemptRecord>(patch, ATTEMPT_PATCH, (k, v) => (k === 'timedOut' ? (v ? 1 : 0) : v));
    const { changes } = this.q.updateAttempt.run({ run_id: runId, n, ...params });
    if (changes === 0) throw new Error(`attempt ${n} of run ${runId} not found`);
  }

  attempts(runId: number): AttemptRecord[] {
    return (this.q.attempts.all(runId) as AttemptRow[]).map(toAttempt);
  }

  /** Upserts by path: collecting again replaces a path's hash. */
  addEvidence(runId: number, items: EvidenceItem[]): void {
    this.addEvidenceTx(runId, items);
  }

  evidence(runId: number): EvidenceItem[] {
    return (this.q.evidence.all(runId) as EvidenceItem[]).map(toEvidence);
  }

  appendEvent(event: RunEvent): RunEvent {
    const data = event.data ?? {};
    const id = this.appendEventTx({ ...event, data });
    return { ...event, data, id };
  }

  /** Oldest first, after `afterId` (exclusive). */
  events(filter: { runId?: number; afterId?: number; limit?: number }): RunEvent[] {
    const rows = this.q.events.all({
      runId: filter.runId ?? null,
      afterId: filter.afterId ?? 0,
      limit: filter.limit ?? -1,
    }) as EventRow[];
    return rows.map(toEvent);
  }

  /** Runs `fn` in one IMMEDIATE transaction (a record and its audit event commit together, or neither). */
  immediate<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating and migrating) the database at `dbPath` with its files beside it. */
export function openRunStore(dbPath: string, opts: { nativeBinding?: string } = {}): SqliteRunStore {
  const layout = storeLayout(dbPath);
  return new SqliteRunStore(openDatabase(layout.db, { nativeBinding: opts.nativeBinding }), layout);
}
