/**
 * The ceremony readiness summary. Sign-offs are not collected yet (a later
 * issue), so every gate with a sign-off rule counts as missing one, and the
 * text says so instead of pretending.
 */
import type { BoardGate } from '../../state/plan';
import { plural } from '../../lib/format';
import { statusLabel } from '../common/StatusPill';
import { Icon } from '../common/Icon';

export function Readiness({ gates }: { gates: BoardGate[] }) {
  const total = gates.length;
  const passed = gates.filter((g) => g.view.status === 'passed' || g.view.status === 'waived').length;
  const running = gates.filter((g) => g.view.status === 'running').length;
  const failed = gates.filter((g) => ['failed', 'cancelled', 'interrupted'].includes(g.view.status)).length;
  const signoffs = gates.filter((g) => g.def?.signoff).length;
  const ready = total > 0 && passed === total && signoffs === 0;

  return (
    <section className="readiness card" aria-labelledby="readiness-title">
      <div className="readiness-head">
        <div>
          <div className="eyebrow">Ceremony readiness</div>
          <h2 id="readiness-title" className="readiness-title" data-testid="readiness">
            {passed} of {plural(total, 'gate')} passed
            {signoffs > 0 && <span className="muted">, {plural(signoffs, 'sign-off')} missing</span>}
          </h2>
        </div>
        <div className={`readiness-verdict ${ready ? 'is-ready' : 'is-blocked'}`}>
          <Icon name={ready ? 'check' : 'lock'} size={14} />
          <span>{ready ? 'Ready to tag' : 'Not ready to tag'}</span>
        </div>
      </div>
      <div className="segments" role="img" aria-label={`${passed} of ${total} gates passed`}>
        {gates.map((g) => (
          <span key={g.view.id} className={`segment seg-${g.view.status}`} title={`${g.view.id}: ${statusLabel(g.view.status)}`} />
        ))}
      </div>
      <ul className="readiness-facts">
        <li>
          <span className="dot dot-running" aria-hidden="true" />
          {running} running
        </li>
        <li>
          <span className="dot dot-failed" aria-hidden="true" />
          {failed} failed or stopped
        </li>
        <li>
          <span className="dot dot-not-run" aria-hidden="true" />
          {total - passed - running - failed} not passed yet
        </li>
        {signoffs > 0 && (
          <li className="muted" title="Sign-off collection arrives in a later version of Release Cockpit.">
            <Icon name="signature" size={13} />
            {plural(signoffs, 'gate')} need sign-off — collecting sign-offs is not available yet, so they count as missing
          </li>
        )}
      </ul>
    </section>
  );
}
