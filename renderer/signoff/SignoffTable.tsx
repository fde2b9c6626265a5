/** Every stored sign-off of the gate's run: who, in which role, what they decided and said, and whether it counts. */
import { useId } from 'react';
import { Icon } from '../components/common/Icon';
import { formatWhen, plural } from '../lib/format';
import type { GateView } from '../types';

export function SignoffTable({ gate }: { gate: GateView }) {
  const id = useId();
  const rule = gate.signoff;
  return (
    <section className="card so-panel" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <div>
          <h3 id={`${id}-title`} className="card-title">
            Sign-offs
          </h3>
          <p className="card-sub">
            {rule
              ? `Needs ${plural(rule.quorum, 'approval')} from ${rule.roles.join(' or ')}; quorum counts people, not keys. One rejection blocks.`
              : 'This gate takes no sign-offs.'}
          </p>
        </div>
        {rule && (
          <span className="so-count" aria-label={`${rule.approved} of ${rule.quorum} approvals`}>
            <strong>{rule.approved}</strong>/{rule.quorum}
          </span>
        )}
      </div>
      {gate.waiver && (
        <div className={`so-waiver ${gate.waiver.valid ? '' : 'is-invalid'}`} data-testid="waiver">
          <Icon name="shield" size={14} />
          <span>
            Waived by <strong>{gate.waiver.person}</strong> ({gate.waiver.role}) until {gate.waiver.expires.slice(0, 10)}: “{gate.waiver.reason}”
            {!gate.waiver.valid && <span className="text-danger"> — does not count{gate.waiver.problem ? `: ${gate.waiver.problem}` : ''}</span>}
          </span>
        </div>
      )}
      {gate.signoffs.length === 0 ? (
        <p className="so-empty muted">{rule ? 'No sign-offs yet.' : 'Nothing to show.'}</p>
      ) : (
        <table className="so-table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Decision</th>
              <th scope="col">Comment</th>
              <th scope="col" className="num">
                Signed
              </th>
            </tr>
          </thead>
          <tbody>
            {gate.signoffs.map((s) => (
              <tr key={`${s.keyId}-${s.time}`} data-person={s.person} className={s.valid ? '' : 'is-invalid'}>
                <td>
                  <span className="so-person">{s.person}</span>
                  <code className="mono faint" title={s.keyId}>
                    {s.keyId.slice(0, 8)}
                  </code>
                </td>
                <td>
                  <span className="tag">{s.role}</span>
                </td>
                <td>
                  <span className={`so-decision-pill ${s.decision === 'approve' ? 'so-ok' : 'so-bad'}`}>
                    <Icon name={s.decision === 'approve' ? 'check' : 'x'} size={11} />
                    {s.decision === 'approve' ? 'Approved' : 'Rejected'}
                  </span>
                  {!s.valid && (
                    <span className="so-invalid" title={s.problem}>
                      does not count
                    </span>
                  )}
                </td>
                <td className="so-comment">{s.comment || <span className="faint">—</span>}</td>
                <td className="num muted">{formatWhen(Date.parse(s.time))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
