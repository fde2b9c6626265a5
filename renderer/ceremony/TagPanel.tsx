/**
 * The ceremony itself: the release manager unlocks their key and tags. The
 * button stays disabled, and says why, until nothing blocks the release.
 */
import { useId } from 'react';
import { api } from '../api';
import { Icon, Spinner } from '../components/common/Icon';
import { PassphraseField } from '../components/common/PassphraseField';
import { plural } from '../lib/format';
import { useSignedAction } from '../signoff/use-signed-action';
import { useToasts } from '../state/toasts';
import { go } from '../state/ui';
import { OFFLINE_HINT, useOnline } from '../state/use-online';
import type { CeremonyDone, CeremonyStatus } from '../types';

export function TagPanel({ status, tagged, onDone }: { status: CeremonyStatus; tagged: CeremonyDone | null; onDone: (d: CeremonyDone) => void }) {
  const id = useId();
  const online = useOnline();
  const push = useToasts((s) => s.push);
  const { passphrase, setPassphrase, busy, error, setError, run } = useSignedAction();
  const signer = status.signer;

  const why = tagged
    ? `${tagged.tag} is tagged; a release candidate is tagged once.`
    : !status.ready
    ? `${plural(status.blockers.length, 'blocker')} left: the tag is created only when everything is green.`
    : !online
      ? OFFLINE_HINT
      : !passphrase
        ? `Enter ${signer?.name ?? 'your'}’s passphrase to unlock the key that signs the bundle.`
        : null;

  const tag = () =>
    run(true, async (pass) => {
      const r = await api().request('ceremony.run', { passphrase: pass });
      if (r.ok) {
        onDone(r);
        push({ level: 'success', title: `Tagged ${r.tag}`, body: `MANIFEST.json sha256 ${r.manifestSha256.slice(0, 16)}…` });
      } else {
        setError(`Not tagged: ${r.blockers.map((b) => b.message).join(' ')}`);
      }
    });

  return (
    <section className="card cer-tag" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <div>
          <h3 id={`${id}-title`} className="card-title">
            Sign and tag
          </h3>
          <p className="card-sub">Writes the evidence bundle, signs MANIFEST.json, verifies it as an auditor would, then creates the annotated git tag.</p>
        </div>
      </div>
      <form
        className="so-panel-body"
        onSubmit={(e) => {
          e.preventDefault();
          if (!why) void tag();
        }}
      >
        <div className="cer-signer">
          <Icon name="key" size={14} />
          {signer ? (
            <span>
              Signed by <strong>{signer.name}</strong> <code className="mono faint">{signer.keyId.slice(0, 12)}…</code>
            </span>
          ) : (
            <span className="so-warn-text">No identity in use</span>
          )}
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => go({ name: 'settings' })}>
            Change
          </button>
        </div>
        {signer?.problem && (
          <div className="so-notice so-notice-warn" role="note">
            <Icon name="alert" size={15} />
            <span>{signer.problem}</span>
          </div>
        )}
        {!tagged && <PassphraseField id={`${id}-pass`} value={passphrase} onChange={setPassphrase} owner={signer?.name ?? 'your'} disabled={!!busy || !signer} />}
        {error && (
          <div className="inline-error so-error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary btn-lg cer-button" disabled={!!why || !!busy} aria-describedby={`${id}-why`} data-testid="tag-button">
          {busy ? <Spinner size={15} /> : <Icon name={tagged ? 'check' : 'tag'} size={15} />}
          {tagged ? `${status.candidate} tagged` : `Tag ${status.candidate}`}
        </button>
        <p id={`${id}-why`} className={`cer-why-text ${why ? '' : 'is-ready'}`} role="status">
          {why ?? `Ready: ${status.release} ${status.candidate} will be tagged at the repo’s HEAD.`}
        </p>
      </form>
    </section>
  );
}
