/** A new Ed25519 identity, encrypted at rest with a passphrase (scrypt + AES-256-GCM), as `release-cockpit keys create` does. */
import { useState } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useRelease } from '../../state/release';
import { useToasts } from '../../state/toasts';
import { Icon, Spinner } from '../common/Icon';

const MIN = 8;

export function CreateIdentityForm({ protection }: { protection: 'passphrase' | 'os' }) {
  const push = useToasts((s) => s.push);
  const [name, setName] = useState('');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsPass = protection === 'passphrase';
  const why = !name.trim()
    ? 'Enter the name the plan lists for you'
    : needsPass && [...pass].length < MIN
      ? `The passphrase needs at least ${MIN} characters`
      : needsPass && pass !== again
        ? 'The two passphrases differ'
        : null;

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const state = await api().request('identity.create', { name: name.trim(), passphrase: needsPass ? pass : undefined });
      useRelease.getState().setIdentity(state);
      push({ level: 'success', title: `Created ${state.current?.name}’s key`, body: 'Add its public key to the plan’s signers (copy the line above).' });
      setName('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPass('');
      setAgain('');
      setBusy(false);
    }
  };

  return (
    <form
      className="id-create"
      onSubmit={(e) => {
        e.preventDefault();
        if (!why) void create();
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="id-name">
          Your name, as the plan lists it
        </label>
        <input id="id-name" className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="Ada Ops" autoComplete="name" />
      </div>
      {needsPass && (
        <>
          <div className="field">
            <label className="field-label" htmlFor="id-pass">
              Passphrase (at least {MIN} characters)
            </label>
            <input id="id-pass" className="input" type="password" autoComplete="new-password" value={pass} onChange={(e) => setPass(e.target.value)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="id-again">
              Repeat the passphrase
            </label>
            <input id="id-again" className="input" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
          </div>
        </>
      )}
      {error && (
        <div className="inline-error so-error" role="alert">
          {error}
        </div>
      )}
      <div>
        <button type="submit" className="btn btn-primary" disabled={!!why || busy} title={why ?? undefined}>
          {busy ? <Spinner size={13} /> : <Icon name="key" size={13} />}
          Create identity
        </button>
      </div>
    </form>
  );
}
