/**
 * A waiver for a failed gate: a reason, an expiry, and the signature of a
 * role the plan names for waivers. An expired waiver counts as failed again.
 */
import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import { Icon, Spinner } from '../components/common/Icon';
import { PassphraseField } from '../components/common/PassphraseField';
import { useToasts } from '../state/toasts';
import { useSignedAction } from './use-signed-action';
import { OFFLINE_HINT, useOnline } from '../state/use-online';
import type { GateView, SignoffReview } from '../types';

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function WaiverPanel({ gate, review }: { gate: GateView; review: SignoffReview }) {
  const id = useId();
  const online = useOnline();
  const push = useToasts((s) => s.push);
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(inDays(14));
  const { passphrase, setPassphrase, busy, error, run, reset } = useSignedAction();

  useEffect(() => {
    setReason('');
    reset();
  }, [gate.id, review.run?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const you = review.you;
  const ranIt = you?.waiveProblem?.rule === 'separation of duties';
  const submit = () =>
    run(true, async (pass) => {
      const r = await api().request('waiver.create', { gateId: gate.id, reason: reason.trim(), expires, passphrase: pass });
      push({ level: 'success', title: `Waived ${gate.id}`, body: `Signed by ${r.person} (${r.role}) until ${r.expires.slice(0, 10)}.` });
    });

  return (
    <section className="card so-panel so-decision" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <div>
          <h3 id={`${id}-title`} className="card-title">
            {gate.status === 'waived' ? 'Renew the waiver' : 'Waive this failure'}
          </h3>
          <p className="card-sub">A signed, expiring exception: the ceremony then counts the gate as waived, not failed.</p>
        </div>
      </div>
      <div className="so-panel-body">
        {!you ? (
          <p className="muted">Choose your identity in Settings to sign a waiver.</p>
        ) : ranIt ? (
          <div className="so-notice so-notice-bad" role="alert">
            <Icon name="ban" size={15} />
            <strong>You ran this gate; someone else must waive it.</strong>
          </div>
        ) : (
          <form
            className="so-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div className="field">
              <label className="field-label" htmlFor={`${id}-reason`}>
                Reason
              </label>
              <textarea id={`${id}-reason`} className="input textarea" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why this failure is acceptable for this release" />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-expires`}>
                Expires (end of day, UTC)
              </label>
              <input id={`${id}-expires`} className="input" type="date" value={expires} min={inDays(1)} onChange={(e) => setExpires(e.target.value)} />
            </div>
            <PassphraseField id={`${id}-pass`} value={passphrase} onChange={setPassphrase} owner={you.name} disabled={!!busy} />
            {error && (
              <div className="inline-error so-error" role="alert">
                {error}
              </div>
            )}
            <div className="so-actions">
              <button type="submit" className="btn btn-waive" disabled={!passphrase || !reason.trim() || !expires || !!busy || !online} title={online ? undefined : OFFLINE_HINT}>
                {busy ? <Spinner size={13} /> : <Icon name="shield" size={13} />}
                Sign waiver
              </button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
