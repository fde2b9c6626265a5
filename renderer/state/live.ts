/**
 * Live output subscriptions. A run's output is streamed to this page only
 * while some view watches it (`term.watch`). The WebSocket client re-sends
 * the watches after a reconnect and the host replays recent output, so live
 * views are told to start over at that moment.
 */
import { create } from 'zustand';
import { api } from '../api';
import type { EventPayloads } from '../types';
import { reportUnlessOffline } from './toasts';

export type OutputEvent = EventPayloads['run.output'];
type OutputListener = (ev: OutputEvent) => void;

interface LiveStore {
  watching: number[];
}

export const useLive = create<LiveStore>(() => ({ watching: [] }));

const listeners = new Map<number, Set<OutputListener>>();

function setWatch(runId: number, watch: boolean): Promise<unknown> {
  return api().request('term.watch', { runId, watch }).then(() => undefined, reportUnlessOffline('Could not follow the run\'s output'));
}

/** Subscribes to a run's live output; resolves once the host has been asked to stream it. */
export function watchOutput(runId: number, listener: OutputListener): { ready: Promise<unknown>; stop: () => void } {
  let set = listeners.get(runId);
  let ready: Promise<unknown> = Promise.resolve();
  if (!set) {
    set = new Set();
    listeners.set(runId, set);
    useLive.setState((s) => ({ watching: [...s.watching, runId] }));
    ready = setWatch(runId, true);
  }
  set.add(listener);
  return {
    ready,
    stop: () => {
      const current = listeners.get(runId);
      if (!current) return;
      current.delete(listener);
      if (current.size > 0) return;
      listeners.delete(runId);
      useLive.setState((s) => ({ watching: s.watching.filter((id) => id !== runId) }));
      void setWatch(runId, false);
    },
  };
}

export function dispatchOutput(ev: OutputEvent): void {
  const set = listeners.get(ev.runId);
  if (set) for (const l of set) l(ev);
}

const reconnectHandlers = new Set<() => void>();

/** Runs `fn` synchronously when the connection comes back, before the host's replay arrives. */
export function onLiveReconnected(fn: () => void): () => void {
  reconnectHandlers.add(fn);
  return () => void reconnectHandlers.delete(fn);
}

export function liveReconnected(): void {
  for (const fn of [...reconnectHandlers]) fn();
}
