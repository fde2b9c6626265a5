import type { Plan } from '../../core/plan/types';
import type { PlanStatus } from '../../core/runs/plan-status';
import type { Handlers } from '../router';
import type { PlanService } from './plan-service';

export function planHandlers(
  plans: PlanService,
  statusOf: (plan: Plan) => PlanStatus,
): Pick<Handlers, 'plan.current' | 'plan.open' | 'plan.recent' | 'status.get'> {
  return {
    'plan.current': () => plans.current(),
    'plan.open': ({ path }) => plans.openFile(path),
    'plan.recent': () => plans.recent(),
    'status.get': () => {
      const plan = plans.plan();
      return plan ? statusOf(plan) : null;
    },
  };
}
