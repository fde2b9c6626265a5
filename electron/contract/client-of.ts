/**
 * Pieces both client wrappers share (the preload's `window.cockpit` and the
 * browser's WebSocket client): the error they reject with, envelope
 * unwrapping and the event listener registry. No Node APIs.
 */
import type { ApiError, EventChannel, EventPayloads } from './contract';
import type { Envelope } from './wire';

/** What a client rejects with: the host's ApiError (`code`, `message`, `details`). */
export class ApiCallError extends Error implements ApiError {
  readonly code: ApiError['code'];
  readonly details?: ApiError['details'];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    if (error.details) this.details = error.details;
  }
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result;
  throw new ApiCallError(envelope.error);
}

type AnyListener = (payload: never) => void;

/** Listener registry for events; a throwing listener does not stop the others. */
export function createEventHub() {
  const listeners = new Map<EventChannel, Set<AnyListener>>();
  return {
    on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as AnyListener);
      return () => {
        set.delete(listener as AnyListener);
      };
    },
    emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void {
      for (const l of [...(listeners.get(event) ?? [])]) {
        try {
          (l as (p: EventPayloads[E]) => void)(payload);
        } catch (err) {
          console.error(`cockpit: a "${event}" listener failed:`, err);
        }
      }
    },
    clear(): void {
      listeners.clear();
    },
  };
}
