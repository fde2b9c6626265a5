/** Metrics channels: a run's series, chart windows at a pixel width, threshold verdicts. */
import type { MetricsQueries } from '../../core/metrics/queries';
import { CockpitError } from '../../core/errors';
import type { Handlers } from '../router';
import type { RunsService } from '../runs/runs-service';

type MetricsChannels = 'metrics.series' | 'metrics.query' | 'metrics.verdicts';

export function metricsHandlers(store: MetricsQueries, runs: RunsService): Pick<Handlers, MetricsChannels> {
  const metrics = () => store;
  const run = (runId: number) => runs.get(runId).run; // not-found for an unknown run
  return {
    'metrics.series': ({ runId }) => {
      run(runId);
      return metrics().series(runId);
    },
    'metrics.query': ({ runId, ...q }) => {
      run(runId);
      if (q.from !== undefined && q.to !== undefined && q.to < q.from) {
        throw new CockpitError('invalid-input', `Invalid window: "to" (${q.to}) is before "from" (${q.from}).`);
      }
      return metrics().query(runId, q);
    },
    'metrics.verdicts': ({ runId }) => {
      run(runId);
      return { verdicts: metrics().verdicts(runId), stats: metrics().stats(runId) };
    },
  };
}
