/** The "why" column: what a gate waits for, why it stopped, or what it needs. */
import type { GateView } from '../../types';
import { Icon } from '../common/Icon';

export function GateDetail({ gate }: { gate: GateView }) {
  if (gate.blockedBy) {
    return (
      <span className="detail detail-blocked" title="This gate runs after the gates it needs have passed.">
        <Icon name="lock" size={12} />
        <span>{gate.blockedBy.charAt(0).toUpperCase() + gate.blockedBy.slice(1)}</span>
      </span>
    );
  }
  if (gate.reason && gate.status !== 'passed') {
    return (
      <span className={`detail detail-${gate.status}`} title={gate.reason}>
        {gate.reason}
      </span>
    );
  }
  if (gate.staleRunNo != null && gate.status === 'not-run') {
    return <span className="detail muted">Changed since run #{gate.staleRunNo}; run it again</span>;
  }
  if (gate.needs.length > 0) {
    return <span className="detail muted">After {gate.needs.join(', ')}</span>;
  }
  return <span className="detail muted">No dependencies</span>;
}
