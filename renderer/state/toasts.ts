/** Short-lived messages: host `notice` events and the results of user actions. */
import { create } from 'zustand';
import type { Notice } from '../types';

export interface Toast extends Notice {
  id: number;
}

interface ToastStore {
  toasts: Toast[];
  push(notice: Notice, ttlMs?: number): void;
  dismiss(id: number): void;
}

let nextId = 1;
const MAX_VISIBLE = 4;

export const useToasts = create<ToastStore>((set, get) => ({
  toasts: [],
  push: (notice, ttlMs) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...notice, id }].slice(-MAX_VISIBLE) }));
    const ttl = ttlMs ?? (notice.level === 'error' ? 12_000 : 6_000);
    setTimeout(() => get().dismiss(id), ttl);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export function toastError(title: string, err: unknown): void {
  const body = err && typeof err === 'object' && 'message' in err ? String((err as { message: unknown }).message) : String(err);
  useToasts.getState().push({ level: 'error', title, body });
}

/**
 * For loads the page does on its own (refreshes, follow-ups): a lost
 * connection is already shown by the connection indicator, and everything
 * reloads on reconnect, so only other failures become a toast.
 */
export function reportUnlessOffline(title: string): (err: unknown) => void {
  return (err) => {
    if (err && typeof err === 'object' && 'code' in err && (err as { code: unknown }).code === 'disconnected') return;
    toastError(title, err);
  };
}
