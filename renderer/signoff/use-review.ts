/** A gate's sign-off review from the host, fetched again when the gate, its run, its sign-offs or the identity change. */
import { useEffect, useState } from 'react';
import { api } from '../api';
import { errorMessage } from '../lib/errors';
import { useRelease } from '../state/release';
import type { GateView, SignoffReview } from '../types';

export interface ReviewState {
  review: SignoffReview | null;
  error: string | null;
  loading: boolean;
}

export function useReview(gate: GateView | undefined): ReviewState {
  const tick = useRelease((s) => s.tick);
  const keyId = useRelease((s) => s.identity?.current?.keyId ?? null);
  const [state, setState] = useState<ReviewState>({ review: null, error: null, loading: false });
  const gateId = gate?.id ?? null;
  const version = gate ? `${gate.runNo}:${gate.status}:${gate.signoffs.length}:${gate.signoff?.approved}:${gate.waiver?.keyId ?? ''}` : '';

  useEffect(() => {
    if (!gateId) return;
    let live = true;
    setState((s) => ({ review: s.review?.gateId === gateId ? s.review : null, error: null, loading: true }));
    api()
      .request('signoff.review', { gateId })
      .then(
        (review) => live && setState({ review, error: null, loading: false }),
        (err) => live && setState({ review: null, error: errorMessage(err), loading: false }),
      );
    return () => {
      live = false;
    };
  }, [gateId, version, tick, keyId]);

  return state;
}
