/** The plan board: readiness at the top, then every gate in dependency order. */
import { useMemo } from 'react';
import { usePageCommands } from '../../lib/use-shortcuts';
import { runAll, runGate } from '../../state/actions';
import { boardGates, usePlan } from '../../state/plan';
import { useUi } from '../../state/ui';
import { OFFLINE_HINT, useOnline } from '../../state/use-online';
import { Icon } from '../common/Icon';
import { InvalidPlan } from './InvalidPlan';
import { NoPlan } from './NoPlan';
import { GateRow } from './GateRow';
import { Readiness } from './Readiness';
import { RecentRuns } from './RecentRuns';
import { SignResultsToggle } from './SignResultsToggle';

function focusGate(id: string): void {
  document.querySelector<HTMLAnchorElement>(`tr[data-gate="${CSS.escape(id)}"] .gate-link`)?.focus();
}

export function Board() {
  const phase = usePlan((s) => s.phase);
  const plan = usePlan((s) => s.plan);
  const status = usePlan((s) => s.status);
  const selected = useUi((s) => s.selectedGateId);
  const online = useOnline();
  const gates = useMemo(() => boardGates(plan, status), [plan, status]);
  const ids = gates.map((g) => g.view.id);

  const move = (delta: number) => {
    if (ids.length === 0) return;
    const at = selected ? ids.indexOf(selected) : -1;
    const next = ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
    useUi.getState().selectGate(next);
    focusGate(next);
  };
  usePageCommands(
    {
      next: () => move(1),
      prev: () => move(-1),
      run: () => selected && void runGate(selected, { open: true }),
    },
    [selected, ids.join(',')],
  );

  if (phase === 'invalid') return <InvalidPlan />;
  if (phase === 'no-plan') return <NoPlan />;
  if (phase === 'loading' || !status) {
    return (
      <div className="page" aria-busy="true">
        <div className="skeleton skeleton-card" />
        <div className="skeleton skeleton-table" />
      </div>
    );
  }

  const running = gates.filter((g) => g.view.status === 'running').length;
  return (
    <div className="page">
      <Readiness gates={gates} />
      <section className="card" aria-labelledby="gates-title">
        <div className="card-head">
          <div>
            <h2 id="gates-title" className="card-title">
              Gates
            </h2>
            <p className="card-sub">In dependency order. Select a gate and press r to run it, Enter to open it.</p>
          </div>
          <div className="card-tools">
            {running > 0 && <span className="muted small">{running} running</span>}
            <SignResultsToggle />
            <button type="button" className="btn btn-primary" onClick={() => void runAll()} disabled={!online} title={online ? undefined : OFFLINE_HINT}>
              <Icon name="playAll" size={14} />
              Run all
            </button>
          </div>
        </div>
        <table className="gates">
          <thead>
            <tr>
              <th scope="col" className="col-status">Status</th>
              <th scope="col">Gate</th>
              <th scope="col" className="num">Attempts</th>
              <th scope="col" className="num">Duration</th>
              <th scope="col">Target</th>
              <th scope="col">Details</th>
              <th scope="col" className="col-actions">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {gates.map((g, i) => (
              <GateRow key={g.view.id} gate={g} index={i} selected={g.view.id === selected} />
            ))}
          </tbody>
        </table>
      </section>
      <RecentRuns />
    </div>
  );
}
