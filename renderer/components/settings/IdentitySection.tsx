/** Settings › Identity: the key in use, the keys in the data directory (choose one), and a new one. */
import { useEffect } from 'react';
import { api } from '../../api';
import { shortPath } from '../../lib/format';
import { useRelease } from '../../state/release';
import { toastError } from '../../state/toasts';
import type { KeyInfo } from '../../types';
import { CopyButton } from '../common/CopyButton';
import { Icon } from '../common/Icon';
import { CreateIdentityForm } from './CreateIdentityForm';
import { SettingRow } from './SettingRow';

function signersLine(k: KeyInfo): string {
  return `  - { name: ${k.name}, key: ${k.publicKey}, roles: [qa] }`;
}

export function IdentitySection() {
  const identity = useRelease((s) => s.identity);
  const error = useRelease((s) => s.identityError);
  useEffect(() => {
    void useRelease.getState().loadIdentity();
  }, []);
  const me = identity?.current ?? null;

  const choose = async (keyId: string) => {
    try {
      useRelease.getState().setIdentity(await api().request('identity.select', { keyId }));
    } catch (err) {
      toastError('Could not switch identity', err);
    }
  };

  return (
    <section className="card" aria-labelledby="identity-title">
      <div className="card-head">
        <h2 id="identity-title" className="card-title">
          Identity
        </h2>
      </div>
      {error && <div className="inline-error" role="alert">{error}</div>}
      <SettingRow label="In use" hint="Signs your sign-offs, waivers and the ceremony's bundle. The passphrase is asked each time and never stored.">
        {!identity ? (
          <span className="skeleton skeleton-line" />
        ) : me ? (
          <div className="id-current" data-testid="identity-current">
            <span className="identity">
              <Icon name="key" size={14} />
              <strong>{me.name}</strong>
              <code className="mono muted" title={me.keyId}>
                {me.keyId.slice(0, 16)}…
              </code>
              {me.signer ? me.signer.roles.map((r) => <span key={r} className="tag">{r}</span>) : <span className="so-badge so-warn">not a signer in this plan</span>}
            </span>
            <span className="id-pub">
              <code className="mono small">{me.publicKey}</code>
              <CopyButton value={me.publicKey} label="Copy the public key" />
            </span>
            {!me.signer && (
              <span className="faint small">
                Add it to the plan’s <code>signers</code> with your roles:
                <code className="mono id-line">{signersLine(me)}</code>
                <CopyButton value={signersLine(me)} label="Copy the signers line" />
              </span>
            )}
          </div>
        ) : (
          <span className="muted">{identity.keys.length > 0 ? 'None chosen: pick one of your keys below.' : 'No identity yet: create one below.'}</span>
        )}
      </SettingRow>
      {identity && identity.keys.length > 0 && (
        <SettingRow label="Keys" hint={`Key files in ${shortPath(identity.keysDir)}, shared with release-cockpit keys list.`}>
          <div className="id-keys" role="radiogroup" aria-label="Identity in use">
            {identity.keys.map((k) => (
              <button
                key={k.keyId}
                type="button"
                role="radio"
                aria-checked={me?.keyId === k.keyId}
                className={`id-key${me?.keyId === k.keyId ? ' is-on' : ''}`}
                data-key={k.name}
                onClick={() => void choose(k.keyId)}
              >
                <span className="id-radio" aria-hidden="true" />
                <span className="id-key-name">{k.name}</span>
                <code className="mono faint">{k.keyId.slice(0, 12)}…</code>
                <span className="id-key-roles">{k.signer ? k.signer.roles.join(', ') : 'not in this plan'}</span>
              </button>
            ))}
          </div>
        </SettingRow>
      )}
      <SettingRow
        label="New identity"
        hint={identity?.protection === 'os' ? 'Sealed by the operating system’s key store.' : 'Encrypted with your passphrase, in the same format as release-cockpit keys create.'}
      >
        <CreateIdentityForm protection={identity?.protection ?? 'passphrase'} />
      </SettingRow>
    </section>
  );
}
