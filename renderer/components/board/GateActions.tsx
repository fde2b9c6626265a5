/** Run / Cancel / Open for one gate row. */
import type { GateView } from '../../types';
import { cancelRun, runGate } from '../../state/actions';
import { OFFLINE_HINT, useOnline } from '../../state/use-online';
import { useRunIdFor } from '../../state/use-run-id';
import { Icon } from '../common/Icon';

export function GateActions({ gate }: { gate: GateView }) {
  const runId = useRunIdFor(gate.id, gate.runNo);
  const running = gate.status === 'running';
  const online = useOnline();
  const title = online ? undefined : OFFLINE_HINT;
  return (
    <div className="row-actions">
      {running ? (
        <button
          type="button"
          className="btn btn-danger-ghost btn-sm"
          aria-label={`Cancel ${gate.title}`}
          disabled={runId == null || !online}
          title={title}
          onClick={() => runId != null && void cancelRun(runId, gate.id)}
        >
          <Icon name="stop" size={13} />
          Cancel
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-sm"
          aria-label={`Run ${gate.title}`}
          data-action="run"
          disabled={!online}
          title={title}
          onClick={() => void runGate(gate.id, { open: true })}
        >
          <Icon name="play" size={13} />
          {gate.status === 'not-run' ? 'Run' : 'Run again'}
        </button>
      )}
    </div>
  );
}
