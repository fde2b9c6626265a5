/** Whether the host answers: drives the header indicator and the disconnected screen. */
import { create } from 'zustand';
import type { TransportMode } from '../api';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'unavailable';

interface ConnectionStore {
  state: ConnectionState;
  mode: TransportMode | null;
  /** Why there is no transport at all (e.g. a URL without its token). */
  fatal: string | null;
  lastOnline: number | null;
  setState(state: ConnectionState): void;
  setMode(mode: TransportMode): void;
  setFatal(message: string): void;
}

export const useConnection = create<ConnectionStore>((set) => ({
  state: 'connecting',
  mode: null,
  fatal: null,
  lastOnline: null,
  setState: (state) => set((s) => ({ state, lastOnline: state === 'online' ? Date.now() : s.lastOnline })),
  setMode: (mode) => set({ mode }),
  setFatal: (fatal) => set({ fatal, state: 'unavailable' }),
}));
