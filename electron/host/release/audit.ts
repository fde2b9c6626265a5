/** Records a release action in the plan's audit chain (the store's event log). */
import type { Plan } from '../../core/plan/types';
import { planKeyOf } from '../../core/runs/plan-runner';
import type { Services } from '../ports';

export interface AuditAction {
  type: string;
  actor: string;
  runId?: number | null;
  gateId?: string | null;
  data: Record<string, unknown>;
}

export function recordAction(s: Pick<Services, 'store'>, plan: Plan, a: AuditAction, now = Date.now()): void {
  s.store.appendEvent({
    ts: now,
    runId: a.runId ?? null,
    gateId: a.gateId ?? null,
    type: a.type,
    data: a.data,
    planKey: planKeyOf(plan),
    actor: a.actor,
  });
}

/** Runs `fn` in one IMMEDIATE transaction of the store, so a record and its audit event commit together. */
export function inTransaction<T>(s: Pick<Services, 'store'>, fn: () => T): T {
  return s.store.immediate(fn);
}
