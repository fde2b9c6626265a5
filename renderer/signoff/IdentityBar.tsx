/** Who signs here: the identity in use and its roles in this plan, or what to do when there is none. */
import { Icon } from '../components/common/Icon';
import { CopyButton } from '../components/common/CopyButton';
import { useRelease } from '../state/release';
import { go } from '../state/ui';

export function IdentityBar() {
  const identity = useRelease((s) => s.identity);
  const me = identity?.current ?? null;
  const toSettings = (
    <button type="button" className="btn btn-ghost btn-sm" onClick={() => go({ name: 'settings' })}>
      {me ? 'Change' : identity && identity.keys.length > 0 ? 'Choose one' : 'Create one'}
    </button>
  );
  if (!identity) return <div className="so-identity skeleton skeleton-line" aria-hidden="true" />;
  if (!me) {
    return (
      <div className="so-identity is-missing" role="status">
        <Icon name="user" size={14} />
        <span>No identity in use: you can review evidence, but signing needs your key.</span>
        {toSettings}
      </div>
    );
  }
  return (
    <div className="so-identity" data-testid="signing-as">
      <Icon name="key" size={14} />
      <span>
        Signing as <strong>{me.signer?.name ?? me.name}</strong>
      </span>
      {me.signer ? (
        <span className="so-roles">{me.signer.roles.map((r) => <span key={r} className="tag">{r}</span>)}</span>
      ) : (
        <span className="so-warn-inline">
          not a signer in this plan: add <code className="mono">{`- { name: ${me.name}, key: ${me.publicKey.slice(0, 18)}…, roles: [...] }`}</code>
          <CopyButton value={`  - { name: ${me.name}, key: ${me.publicKey}, roles: [qa] }`} label="Copy the signers line for this key" />
        </span>
      )}
      {toSettings}
    </div>
  );
}
