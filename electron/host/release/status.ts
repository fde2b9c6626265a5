/** The plan's status with sign-offs and waivers applied: what `status`, `run` and the UI show. */
import type { Plan } from '../../core/plan/types';
import { releaseStatus } from '../../core/release/release-status';
import type { PlanStatus } from '../../core/runs/plan-status';
import type { Services } from '../ports';

export function releaseStatusOf(s: Pick<Services, 'store' | 'records' | 'metrics'>, plan: Plan, now = new Date()): PlanStatus & { ready: boolean } {
  return releaseStatus(plan, s.store, s.records, now, s.metrics);
}
