/**
 * The ceremony readiness summary: gates passed (or validly waived) and the
 * approvals still missing, from the real sign-offs; ready only when the
 * host's release rules say so (results signed, quorums met, no rejection).
 */
import type { BoardGate } from '../../state/plan';
import { usePlan } from '../../state/plan';
import { go } from '../../state/ui';
import { plural } from '../../lib/format';
import { statusLabel } from '../common/StatusPill';
import { Icon } from '../common/Icon';

export function Readiness({ gates }: { gates: BoardGate[] }) {
  const ready = usePlan((s) => s.status?.ready === true);
  const total = gates.length;
  const passed = gates.filter((g) => g.view.status === 'passed' || g.view.status === 'waived').length;
  const running = gates.filter((g) => g.view.status === 'running').length;
  const failed = gates.filter((g) => ['failed', 'cancelled', 'interrupted'].includes(g.view.status)).length;
  const ruled = gates.filter((g) => g.view.signoff);
  const missing = ruled.reduce((n, g) => n + (g.view.signoff?.status === 'rejected' ? 0 : (g.view.signoff?.missing ?? 0)), 0);
  const rejected = ruled.filter((g) => g.view.signoff?.status === 'rejected').length;
  const awaiting = ruled.filter((g) => g.view.status === 'passed' && (g.view.signoff?.missing ?? 0) > 0 && g.view.signoff?.status !== 'rejected').length;
  const approved = ruled.filter((g) => g.view.signoff?.status === 'approved').length;

  return (
    <section className="readiness card" aria-labelledby="readiness-title">
      <div className="readiness-head">
        <div>
          <div className="eyebrow">Ceremony readiness</div>
          <h2 id="readiness-title" className="readiness-title" data-testid="readiness">
            {passed} of {plural(total, 'gate')} passed
            {missing > 0 && <span className="muted">, {plural(missing, 'sign-off')} missing</span>}
            {rejected > 0 && <span className="text-danger">, {plural(rejected, 'gate')} rejected</span>}
          </h2>
        </div>
        <button
          type="button"
          className={`readiness-verdict ${ready ? 'is-ready' : 'is-blocked'}`}
          onClick={() => go({ name: 'ceremony' })}
          title="Open the ceremony: every blocker, and the tag"
        >
          <Icon name={ready ? 'check' : 'lock'} size={14} />
          <span>{ready ? 'Ready to tag' : 'Not ready to tag'}</span>
        </button>
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
        {ruled.length > 0 && (
          <li>
            <Icon name="signature" size={13} />
            <button type="button" className="link-button readiness-link" onClick={() => go({ name: 'signoffs' })}>
              {approved} of {plural(ruled.length, 'gate')} signed off{awaiting > 0 ? ` · ${awaiting} awaiting review` : ''}
            </button>
          </li>
        )}
      </ul>
    </section>
  );
}
