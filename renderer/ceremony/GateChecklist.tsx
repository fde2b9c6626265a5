/** Every gate as the ceremony sees it: ready (passed or validly waived, signed, signed off) or what it still needs. */
import { Icon } from '../components/common/Icon';
import { StatusPill } from '../components/common/StatusPill';
import { signoffState } from '../signoff/gate-state';
import { SignoffBadge } from '../signoff/SignoffBadge';
import { go } from '../state/ui';
import type { GateView } from '../types';

export function GateChecklist({ gates }: { gates: GateView[] }) {
  return (
    <ul className="cer-gates" aria-label="Gates">
      {gates.map((g) => {
        const ok = g.blockers.length === 0;
        return (
          <li key={g.id} className={ok ? 'is-ok' : 'is-blocked'} data-gate={g.id} data-ready={ok}>
            <span className="cer-mark" aria-label={ok ? 'ready' : 'blocked'}>
              <Icon name={ok ? 'check' : 'x'} size={13} />
            </span>
            <span className="cer-gate-name">
              <span className="gate-title">{g.title}</span>
              <span className="gate-id mono">{g.id}</span>
            </span>
            <StatusPill status={g.status} compact />
            {g.signoff ? <SignoffBadge state={signoffState(g)} /> : <span className="cer-nosign faint small">no sign-off rule</span>}
            <span className="cer-why">
              {ok ? (
                <span className="faint">Ready</span>
              ) : (
                <button type="button" className="link-like" onClick={() => go(g.signoff && g.status === 'passed' ? { name: 'signoffs', gateId: g.id } : { name: 'gate', gateId: g.id, runId: null })} title={g.blockers.join('\n')}>
                  {g.blockers[0]}
                  {g.blockers.length > 1 && <span className="faint"> (+{g.blockers.length - 1})</span>}
                </button>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
