/** The History page: past runs filtered by gate and status. */
import { create } from 'zustand';
import { api } from '../api';
import { errorMessage } from '../lib/errors';
import { throttle } from '../lib/throttle';
import type { GateStatus, RunRecord } from '../types';

interface HistoryStore {
  gateId: string | null;
  status: GateStatus | null;
  runs: RunRecord[];
  loaded: boolean;
  error: string | null;
  setFilter(filter: { gateId?: string | null; status?: GateStatus | null }): void;
  load(): Promise<void>;
}

let seq = 0;

export const useHistory = create<HistoryStore>((set, get) => ({
  gateId: null,
  status: null,
  runs: [],
  loaded: false,
  error: null,
  setFilter: (filter) => {
    set({ ...filter });
    void get().load();
  },
  load: async () => {
    const mine = ++seq;
    const { gateId, status } = get();
    try {
      const runs = await api().request('runs.list', {
        ...(gateId ? { gateId } : {}),
        ...(status ? { status } : {}),
        limit: 500,
      });
      if (mine === seq) set({ runs: [...runs].sort((a, b) => b.startedAt - a.startedAt), loaded: true, error: null });
    } catch (err) {
      if (mine === seq) set({ error: errorMessage(err), loaded: true });
    }
  },
}));

export const reloadHistorySoon = throttle(() => {
  if (useHistory.getState().loaded) void useHistory.getState().load();
}, 1000);
