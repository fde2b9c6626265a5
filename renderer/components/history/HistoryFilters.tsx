/** Filter past runs by gate and status. */
import { useHistory } from '../../state/history';
import { usePlan } from '../../state/plan';
import { GATE_STATUS_LIST, type GateStatus } from '../../types';
import { Icon } from '../common/Icon';
import { statusLabel } from '../common/StatusPill';

const NO_GATES: never[] = [];

export function HistoryFilters() {
  const gates = usePlan((s) => s.plan?.gates) ?? NO_GATES;
  const gateId = useHistory((s) => s.gateId);
  const status = useHistory((s) => s.status);
  const setFilter = useHistory((s) => s.setFilter);
  const load = useHistory((s) => s.load);
  return (
    <div className="filters" role="search" aria-label="Filter runs">
      <label className="field">
        <span className="field-label">Gate</span>
        <select className="select" value={gateId ?? ''} onChange={(e) => setFilter({ gateId: e.target.value || null })} data-filter="gate">
          <option value="">All gates</option>
          {gates.map((g) => (
            <option key={g.id} value={g.id}>
              {g.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Status</span>
        <select
          className="select"
          value={status ?? ''}
          onChange={(e) => setFilter({ status: (e.target.value || null) as GateStatus | null })}
          data-filter="status"
        >
          <option value="">Any status</option>
          {GATE_STATUS_LIST.filter((s) => s !== 'not-run').map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </label>
      {(gateId || status) && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setFilter({ gateId: null, status: null })}>
          Clear filters
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Refresh history" title="Refresh" onClick={() => void load()}>
        <Icon name="refresh" />
      </button>
    </div>
  );
}
