/** One gate on the board: status, name, attempts, duration, target, why, actions. */
import type { BoardGate } from '../../state/plan';
import { useNow } from '../../state/clock';
import { routeHash } from '../../state/routes';
import { useUi } from '../../state/ui';
import { formatDuration } from '../../lib/format';
import { Icon } from '../common/Icon';
import { StatusPill } from '../common/StatusPill';
import { GateActions } from './GateActions';
import { GateDetail } from './GateDetail';

export function GateRow({ gate, selected, index }: { gate: BoardGate; selected: boolean; index: number }) {
  const { view, def } = gate;
  const running = view.status === 'running';
  const now = useNow(running);
  const navigate = useUi((s) => s.navigate);
  const select = useUi((s) => s.selectGate);
  const duration = view.startedAt ? (view.endedAt ?? (running ? now : null)) : null;
  const elapsed = duration != null && view.startedAt ? duration - view.startedAt : null;

  return (
    <tr
      className={`gate-row${selected ? ' is-selected' : ''}`}
      data-gate={view.id}
      data-status={view.status}
      onClick={() => select(view.id)}
    >
      <td className="col-status">
        <StatusPill status={view.status} />
      </td>
      <td className="col-gate">
        <a
          className="gate-link"
          href={routeHash({ name: 'gate', gateId: view.id, runId: null })}
          data-gate-index={index}
          onFocus={() => select(view.id)}
          onClick={(e) => {
            e.preventDefault();
            navigate({ name: 'gate', gateId: view.id, runId: null });
          }}
        >
          <span className="gate-title">{view.title}</span>
        </a>
        <span className="gate-sub">
          <span className="gate-id mono">{view.id}</span>
          {def?.kind === 'probe' && <span className="tag">probe</span>}
          {def?.durable && <span className="tag">durable</span>}
          {def && def.evidence.length > 0 && <span className="tag">evidence</span>}
          {def?.signoff && <span className="tag tag-signoff">sign-off</span>}
        </span>
      </td>
      <td className="col-attempts num" aria-label={`${view.attempts.length} of ${view.repeat} attempts`}>
        <span className={view.repeat > 1 ? '' : 'muted'}>
          {view.attempts.length}/{view.repeat}
        </span>
      </td>
      <td className="col-duration num">{formatDuration(elapsed)}</td>
      <td className="col-target">
        <span className="target">
          <Icon name="server" size={12} />
          {view.target}
        </span>
      </td>
      <td className="col-detail">
        <GateDetail gate={view} />
      </td>
      <td className="col-actions">
        <GateActions gate={view} />
      </td>
    </tr>
  );
}
