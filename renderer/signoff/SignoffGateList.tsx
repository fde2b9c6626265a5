/** The gates that take sign-offs (and failed ones, which take waivers), with where each stands. */
import { StatusIcon } from '../components/common/StatusPill';
import { routeHash } from '../state/routes';
import type { GateView } from '../types';
import { signoffState } from './gate-state';
import { SignoffBadge } from './SignoffBadge';

export function SignoffGateList({ gates, selected, onSelect }: { gates: GateView[]; selected: string | null; onSelect: (id: string) => void }) {
  const awaiting = gates.filter((g) => signoffState(g).key === 'awaiting').length;
  return (
    <section className="card so-list" aria-labelledby="so-list-title">
      <div className="card-head">
        <div>
          <h2 id="so-list-title" className="card-title">
            Gates to sign off
          </h2>
          <p className="card-sub">{awaiting > 0 ? `${awaiting} awaiting approval · j / k to move` : 'j / k to move between gates'}</p>
        </div>
      </div>
      {gates.length === 0 ? (
        <p className="so-empty muted">
          No gate of this plan takes sign-offs. Give a gate a rule, e.g. <code>signoff: {'{'} roles: [qa], quorum: 1 {'}'}</code>.
        </p>
      ) : (
        <ul className="so-gates">
          {gates.map((g) => {
            const state = signoffState(g);
            const isSel = g.id === selected;
            return (
              <li key={g.id}>
                <a
                  href={routeHash({ name: 'signoffs', gateId: g.id })}
                  className={`so-gate${isSel ? ' is-selected' : ''}`}
                  aria-current={isSel ? 'true' : undefined}
                  aria-label={`${g.title}: ${state.label} (${state.detail})`}
                  data-gate={g.id}
                  data-signoff={state.key}
                  onClick={(e) => {
                    e.preventDefault();
                    onSelect(g.id);
                  }}
                >
                  <span className={`so-gate-icon st-${g.status}`}>
                    <StatusIcon status={g.status} size={13} />
                  </span>
                  <span className="so-gate-text">
                    <span className="gate-title">{g.title}</span>
                    <span className="so-gate-sub">
                      <span className="gate-id mono">{g.id}</span>
                      <SignoffBadge state={state} />
                    </span>
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
