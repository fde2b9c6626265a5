import { planKeyOf } from '../../core/runs/plan-runner';
import type { CockpitSession } from '../session';
import type { Handlers } from '../router';

type RunChannels = 'gate.run' | 'plan.runAll' | 'run.cancel' | 'run.get' | 'runs.list' | 'run.log';

export function runHandlers(s: CockpitSession): Pick<Handlers, RunChannels> {
  return {
    'gate.run': (input) => s.runGate(input),
    'plan.runAll': (input) => s.runAll(input),
    'run.cancel': ({ runId }) => s.runs.cancel(runId),
    'run.get': ({ runId }) => s.runs.get(runId),
    'runs.list': (filter) => {
      const plan = s.currentPlan();
      return s.runs.list(filter, plan ? planKeyOf(plan) : null);
    },
    'run.log': ({ runId, attempt, offset, limit }) => s.runs.log(runId, attempt, offset, limit),
  };
}
