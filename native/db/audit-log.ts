/**
 * The audit trail: every stored event is also appended to a hash chain
 * (audit-chain.ts), one chain per plan (`release@candidate`), in the same
 * IMMEDIATE transaction as the event row. Two writers (the app and the CLI)
 * therefore serialise on SQLite's write lock and can never fork a chain.
 */
import type { Database, Statement } from 'better-sqlite3';
import { appendEvent, type AuditEvent, type AuditEventInput } from '../../electron/core/signoff/audit-chain';
import { canonicalJson } from '../../electron/core/signoff/canonical-json';
import type { RunEvent } from '../../electron/core/runs/types';

/** Chain for events that belong to no plan. */
export const NO_PLAN_CHAIN = '-';

export class AuditLog {
  private readonly q: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      last: p('SELECT line FROM audit WHERE chain = ? ORDER BY seq DESC LIMIT 1').pluck(),
      insert: p('INSERT INTO audit (chain, seq, event_id, hash, line) VALUES (?, ?, ?, ?, ?)'),
      planKeyOfRun: p('SELECT plan_key FROM runs WHERE id = ?').pluck(),
      all: p('SELECT line FROM audit WHERE chain = ? ORDER BY seq').pluck(),
    };
  }

  /** Appends the chain entry for a stored event. Call inside the event's write transaction. */
  append(eventId: number, event: RunEvent): AuditEvent {
    const chain = this.chainOf(event);
    const lastLine = this.q.last.get(chain) as string | undefined;
    const prev = lastLine ? (JSON.parse(lastLine) as AuditEvent) : null;
    const entry = appendEvent(prev, auditInput(event));
    this.q.insert.run(chain, entry.seq, eventId, entry.hash, canonicalJson(entry));
    return entry;
  }

  /** The whole chain of a plan, oldest first. */
  events(chain: string): AuditEvent[] {
    return (this.q.all.all(chain) as string[]).map((l) => JSON.parse(l) as AuditEvent);
  }

  private chainOf(event: RunEvent): string {
    if (event.planKey) return event.planKey;
    if (event.runId !== null) {
      const key = this.q.planKeyOfRun.get(event.runId) as string | undefined;
      if (key) return key;
    }
    return NO_PLAN_CHAIN;
  }
}

/** The hashed form of an event: JSON-safe data (never throws on odd values), ISO time, gate and run. */
export function auditInput(event: RunEvent): AuditEventInput {
  const data = JSON.parse(JSON.stringify(event.data ?? {})) as Record<string, unknown>;
  if (event.gateId !== null && data.gate === undefined) data.gate = event.gateId;
  if (event.runId !== null && data.runId === undefined) data.runId = event.runId;
  const actor = event.actor ?? (typeof data.operator === 'string' ? data.operator : undefined);
  return { type: event.type, ts: new Date(event.ts).toISOString(), ...(actor !== undefined ? { actor } : {}), data };
}
