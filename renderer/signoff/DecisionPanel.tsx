/**
 * Your sign-off of the gate: unlock your key with its passphrase (used once,
 * never kept), choose a role when you hold several, comment, approve or
 * reject. Why you cannot sign (you ran it, no role, not a signer) is said
 * before you type anything.
 */
import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import { Icon, Spinner } from '../components/common/Icon';
import { PassphraseField } from '../components/common/PassphraseField';
import { downloadText } from '../lib/files';
import { useToasts } from '../state/toasts';
import { go } from '../state/ui';
import { OFFLINE_HINT, useOnline } from '../state/use-online';
import type { SignoffReview } from '../types';
import { useSignedAction } from './use-signed-action';

type Signed = { decision: 'approve' | 'reject'; fileName: string; envelope: string; role: string };

export function DecisionPanel({ review }: { review: SignoffReview }) {
  const id = useId();
  const online = useOnline();
  const push = useToasts((s) => s.push);
  const you = review.you;
  const [comment, setComment] = useState('');
  const [role, setRole] = useState('');
  const { passphrase, setPassphrase, busy, error, setError, run, reset } = useSignedAction<'approve' | 'reject'>();
  const [signed, setSigned] = useState<Signed | null>(null);
  const [again, setAgain] = useState(false);

  useEffect(() => {
    setComment('');
    reset();
    setSigned(null);
    setAgain(false);
    setRole(you?.roles[0] ?? '');
  }, [review.gateId, review.run?.id, you?.keyId]); // eslint-disable-line react-hooks/exhaustive-deps

  const sign = (decision: 'approve' | 'reject') =>
    run(decision, async (pass) => {
      const r = await api().request('signoff.sign', {
        gateId: review.gateId,
        decision,
        comment: comment.trim() || undefined,
        role: (you?.roles.length ?? 0) > 1 ? role : undefined,
        passphrase: pass,
      });
      setSigned({ decision, fileName: r.fileName, envelope: r.envelope, role: r.role });
      setAgain(false);
      setComment('');
      push({ level: decision === 'approve' ? 'success' : 'warning', title: `${decision === 'approve' ? 'Approved' : 'Rejected'} ${review.gateId}`, body: `Signed as ${r.person} (${r.role}) and recorded.` });
    });

  return (
    <section className="card so-panel so-decision" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <div>
          <h3 id={`${id}-title`} className="card-title">
            Your sign-off
          </h3>
          <p className="card-sub">Signs the evidence manifest above, offline, with your Ed25519 key.</p>
        </div>
      </div>
      <div className="so-panel-body">
        {!you ? (
          <div className="so-notice so-notice-info" role="note">
            <Icon name="user" size={15} />
            <div>
              <strong>No identity in use.</strong> Create or choose your key in Settings to sign off.
              <div>
                <button type="button" className="btn btn-sm" onClick={() => go({ name: 'settings' })}>
                  Open Settings
                </button>
              </div>
            </div>
          </div>
        ) : you.problem ? (
          <div className={`so-notice ${you.problem.rule === 'separation of duties' ? 'so-notice-bad' : 'so-notice-warn'}`} role="alert" data-rule={you.problem.rule}>
            <Icon name={you.problem.rule === 'separation of duties' ? 'ban' : 'alert'} size={15} />
            <div>
              <strong>{you.problem.message}</strong>
              {you.problem.rule === 'separation of duties' && (
                <p className="muted small">
                  Separation of duties: whoever runs a gate cannot sign it off. Ask a reviewer who holds the gate’s role, or export a
                  request for an offline officer.
                </p>
              )}
            </div>
          </div>
        ) : signed && !again ? null : you.decided && !again ? (
          <div className="so-decided">
            <span>
              You {you.decided === 'approve' ? 'approved' : 'rejected'} run #{review.run?.runNo} as {you.roles.join(' / ')}. Signing again replaces your
              decision.
            </span>
            <button type="button" className="btn btn-sm" onClick={() => setAgain(true)}>
              Sign again
            </button>
          </div>
        ) : (
          <form
            className="so-form so-form-wide"
            onSubmit={(e) => {
              e.preventDefault();
              void sign('approve');
            }}
          >
            <div className="field so-comment-field">
              <label className="field-label" htmlFor={`${id}-comment`}>
                Comment <span className="faint">(part of the signed statement)</span>
              </label>
              <textarea
                id={`${id}-comment`}
                className="input textarea"
                rows={4}
                maxLength={4000}
                value={comment}
                placeholder={`What you checked, as ${you.roles.join(' / ')}`}
                onChange={(e) => setComment(e.target.value)}
              />
            </div>
            <div className="so-unlock">
              {you.roles.length > 1 && (
                <div className="field">
                  <label className="field-label" htmlFor={`${id}-role`}>
                    Sign as
                  </label>
                  <select id={`${id}-role`} className="select" value={role} onChange={(e) => setRole(e.target.value)}>
                    {you.roles.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <PassphraseField
                id={`${id}-pass`}
                value={passphrase}
                onChange={(v) => {
                  setPassphrase(v);
                  setError(null);
                }}
                owner={you.name}
                disabled={busy !== null}
              />
              <div className="so-actions">
                <button
                  type="submit"
                  className="btn btn-ok"
                  disabled={!passphrase || busy !== null || !online}
                  title={!online ? OFFLINE_HINT : !passphrase ? 'Enter your passphrase to unlock your key' : undefined}
                >
                  {busy === 'approve' ? <Spinner size={13} /> : <Icon name="check" size={13} />}
                  Approve
                </button>
                <button
                  type="button"
                  className="btn btn-danger-ghost"
                  disabled={!passphrase || busy !== null || !online}
                  title={!online ? OFFLINE_HINT : !passphrase ? 'Enter your passphrase to unlock your key' : undefined}
                  onClick={() => void sign('reject')}
                >
                  {busy === 'reject' ? <Spinner size={13} /> : <Icon name="x" size={13} />}
                  Reject
                </button>
              </div>
            </div>
            {error && (
              <div className="inline-error so-error so-form-error" role="alert">
                {error}
              </div>
            )}
          </form>
        )}
        {signed && !again && (
          <div className="so-signed" role="status">
            <Icon name={signed.decision === 'approve' ? 'check' : 'x'} size={14} />
            <span>
              {signed.decision === 'approve' ? 'Approved' : 'Rejected'} as {signed.role}; recorded in this cockpit.
            </span>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => downloadText(signed.fileName, signed.envelope)}>
              <Icon name="download" size={13} />
              Signature file
            </button>
            {!again && (
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setAgain(true)}>
                Sign again
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
