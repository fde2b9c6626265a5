/** The ceremony's status for the identity in use, fetched again when gates, sign-offs or the identity change. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { errorMessage } from '../lib/errors';
import { usePlan } from '../state/plan';
import { useRelease } from '../state/release';
import type { CeremonyStatus } from '../types';

export function useCeremony(): { status: CeremonyStatus | null; error: string | null; reload: () => void } {
  const tick = useRelease((s) => s.tick);
  const keyId = useRelease((s) => s.identity?.current?.keyId ?? null);
  const version = usePlan((s) => (s.status ? s.status.gates.map((g) => `${g.id}:${g.status}:${g.runNo}:${g.signoff?.approved}:${g.blockers.length}`).join('|') : ''));
  const [status, setStatus] = useState<CeremonyStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    api()
      .request('ceremony.status', {})
      .then(
        (s) => {
          if (!live) return;
          setStatus(s);
          setError(null);
        },
        (err) => live && setError(errorMessage(err)),
      );
    return () => {
      live = false;
    };
  }, [tick, keyId, version, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { status, error, reload };
}
