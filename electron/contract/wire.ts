/**
 * The messages both transports carry. The router answers every request with
 * an envelope, never a thrown error, so an error's code survives Electron IPC
 * (which keeps only `message` of a thrown Error) and JSON alike.
 */
import type { ApiError, EventChannel, EventPayloads, RequestChannel, RequestResults } from './contract';

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiError };

/** Client → server over the WebSocket. */
export interface WireRequest {
  id: number;
  channel: string;
  input?: unknown;
}

/** Server → client: the answer to request `id` (null when the request could not be read at all). */
export type WireReply = { id: number | null } & Envelope<unknown>;

/** Server → client: an event. */
export interface WireEvent<E extends EventChannel = EventChannel> {
  event: E;
  payload: EventPayloads[E];
}

export type AnyEnvelope = { [C in RequestChannel]: Envelope<RequestResults[C]> }[RequestChannel];

/** Largest request frame the server reads; bigger ones get an error reply. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Upload channels (release-contract.ts UPLOAD_CHANNELS) carry files as
 * base64; their frames may be this large: a 64 MiB file, base64, plus JSON.
 */
export const MAX_UPLOAD_FRAME_BYTES = 90 * 1024 * 1024;
