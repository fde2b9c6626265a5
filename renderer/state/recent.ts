/** The latest few runs for the board's activity card, refreshed on run events. */
import { create } from 'zustand';
import { api } from '../api';
import { throttle } from '../lib/throttle';
import type { RunRecord } from '../types';
import { reportUnlessOffline } from './toasts';

const LIMIT = 6;

interface RecentStore {
  runs: RunRecord[];
  loaded: boolean;
  load(): Promise<void>;
}

export const useRecent = create<RecentStore>((set) => ({
  runs: [],
  loaded: false,
  load: async () => {
    const runs = await api().request('runs.list', { limit: LIMIT });
    set({ runs: [...runs].sort((a, b) => b.startedAt - a.startedAt).slice(0, LIMIT), loaded: true });
  },
}));

export const reloadRecentSoon = throttle(() => {
  void useRecent.getState().load().catch(reportUnlessOffline('Could not load the recent runs'));
}, 1000);
