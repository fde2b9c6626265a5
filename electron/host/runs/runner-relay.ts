/**
 * What the runner says, as the contract's events: attempts and runs for
 * every client, output for the terminal stream (watchers only), metric
 * updates and breaches through the metrics relay, and notices for people.
 */
import type { PlanRunner } from '../../core/runs/plan-runner';
import type { Disposable } from '../../core/runs/ports';
import { isFinal } from '../../core/runs/types';
import type { Broadcast } from '../clients';
import type { MetricsRelay } from '../metrics/metrics-relay';
import type { TerminalStream } from '../terminal/terminal-stream';
import { noticeForRun, thresholdNotice } from './notices';

export function runnerRelayOf(
  runner: PlanRunner,
  to: { broadcast: Broadcast; stream: TerminalStream; metrics: MetricsRelay; titleOf(gateId: string): string },
): Disposable {
  return runner.on((e) => {
    if (to.metrics.handle(e)) return;
    switch (e.type) {
      case 'output':
        to.stream.push(e.runId, e.gateId, e.n, e.chunk);
        return;
      case 'attempt':
        to.broadcast('run.attempt', { runId: e.runId, gateId: e.gateId, attempt: e.attempt });
        return;
      case 'threshold':
        to.broadcast('notice', thresholdNotice(e.gateId, e.verdict, e.abort));
        return;
      case 'metrics':
        return; // the metrics relay sends its own updates (metrics.update); nothing else carries these
      case 'connection':
        // A durable/remote run's link dropped or came back; the run itself stays `running`.
        to.broadcast('notice', {
          level: e.state === 'reconnecting' ? 'warning' : 'info',
          title: `${e.state === 'reconnecting' ? 'Reconnecting' : 'Reconnected'}: ${e.gateId}`,
          body: e.message,
          gateId: e.gateId,
        });
        return;
      case 'run': {
        to.broadcast('run.updated', e.run);
        if (!isFinal(e.run.status)) return;
        to.stream.endRun(e.run.id);
        const notice = noticeForRun(e.run, to.titleOf(e.run.gateId));
        if (notice) to.broadcast('notice', notice);
      }
    }
  });
}
