/** "Sign results as …": gates started from here run as the identity in use and sign their results. */
import { useEffect } from 'react';
import { useRelease } from '../../state/release';
import { useSigning } from '../../state/signing';

export function SignResultsToggle() {
  const identity = useRelease((s) => s.identity);
  const on = useSigning((s) => s.signResults);
  const set = useSigning((s) => s.setSignResults);
  useEffect(() => {
    if (!identity) void useRelease.getState().loadIdentity();
  }, [identity]);

  const me = identity?.current ?? null;
  const why = !me
    ? 'Choose an identity in Settings to sign results.'
    : !me.signer
      ? `${me.name}’s key is not a signer in this plan.`
      : me.protection === 'os'
        ? 'The key is sealed by this computer’s key store: no passphrase needed.'
        : 'You are asked for the passphrase when a run starts.';
  return (
    <label className="toggle" title={why}>
      <input type="checkbox" checked={on && !!me?.signer} disabled={!me?.signer} onChange={(e) => set(e.target.checked)} data-testid="sign-results" />
      <span>{me?.signer ? `Sign results as ${me.signer.name}` : 'Sign results'}</span>
    </label>
  );
}
