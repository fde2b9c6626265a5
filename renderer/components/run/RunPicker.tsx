/** Switch between this gate's runs, newest first. */
import { useEffect } from 'react';
import { useRuns } from '../../state/runs';
import { useUi } from '../../state/ui';
import { formatWhen } from '../../lib/format';
import { statusLabel } from '../common/StatusPill';
import { reportUnlessOffline } from '../../state/toasts';

export function RunPicker({ gateId, runId }: { gateId: string; runId: number | null }) {
  const ids = useRuns((s) => s.byGate[gateId]);
  const byId = useRuns((s) => s.byId);
  const navigate = useUi((s) => s.navigate);
  useEffect(() => {
    void useRuns.getState().fetchGateRuns(gateId).catch(reportUnlessOffline(`Could not load the runs of ${gateId}`));
  }, [gateId]);
  if (!ids || ids.length === 0) return null;
  return (
    <label className="picker">
      <span className="sr-only">Run of this gate</span>
      <select
        className="select"
        aria-label="Run of this gate"
        value={runId ?? ''}
        onChange={(e) => navigate({ name: 'gate', gateId, runId: Number(e.target.value) }, { replace: true })}
      >
        {ids.map((id) => {
          const r = byId[id];
          if (!r) return null;
          return (
            <option key={id} value={id}>
              Run #{r.runNo} · {statusLabel(r.status)} · {formatWhen(r.startedAt)}
            </option>
          );
        })}
      </select>
    </label>
  );
}
