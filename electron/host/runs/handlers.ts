import { planKeyOf } from '../../core/runs/plan-runner';
import type { PlanService } from '../plans/plan-service';
import type { Handlers } from '../router';
import type { RunsService } from './runs-service';

type RunChannels = 'gate.run' | 'plan.runAll' | 'run.cancel' | 'run.get' | 'runs.list' | 'run.log';

export function runHandlers(runs: RunsService, plans: PlanService): Pick<Handlers, RunChannels> {
  return {
    'gate.run': (input) => runs.run(input),
    'plan.runAll': (input) => runs.runAll(input),
    'run.cancel': ({ runId }) => runs.cancel(runId),
    'run.get': ({ runId }) => runs.get(runId),
    'runs.list': (filter) => {
      const plan = plans.current();
      return runs.list(filter, plan ? planKeyOf(plan) : null);
    },
    'run.log': ({ runId, attempt, offset, limit }) => runs.log(runId, attempt, offset, limit),
  };
}
