/**
 * Sign-off state shared by the views: the identity in use, and a counter that
 * moves whenever sign-offs, waivers or the ceremony change (here or in
 * another window), so reviews and the ceremony status fetch again.
 */
import { create } from 'zustand';
import { api } from '../api';
import { errorMessage } from '../lib/errors';
import type { EventPayloads, IdentityState } from '../types';
import { refreshStatusSoon } from './plan';

interface ReleaseStore {
  identity: IdentityState | null;
  identityError: string | null;
  /** Bumped on every `release.updated`: views that show sign-offs refetch. */
  tick: number;
  loadIdentity(): Promise<void>;
  setIdentity(state: IdentityState): void;
  bump(): void;
}

export const useRelease = create<ReleaseStore>((set) => ({
  identity: null,
  identityError: null,
  tick: 0,
  loadIdentity: async () => {
    try {
      set({ identity: await api().request('identity.get', {}), identityError: null });
    } catch (err) {
      set({ identityError: errorMessage(err) });
    }
  },
  setIdentity: (identity) => set({ identity, identityError: null }),
  bump: () => set((s) => ({ tick: s.tick + 1 })),
}));

export function onReleaseUpdated(e: EventPayloads['release.updated']): void {
  if (e.what === 'identity') void useRelease.getState().loadIdentity();
  useRelease.getState().bump();
  refreshStatusSoon();
}
