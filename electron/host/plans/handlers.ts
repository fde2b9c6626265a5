import type { CockpitSession } from '../session';
import type { Handlers } from '../router';

export function planHandlers(s: CockpitSession): Pick<Handlers, 'plan.current' | 'plan.open' | 'plan.recent' | 'status.get'> {
  return {
    'plan.current': () => s.currentPlan(),
    'plan.open': ({ path }) => s.openPlan(path),
    'plan.recent': () => s.recentPlans(),
    'status.get': () => s.status(),
  };
}
