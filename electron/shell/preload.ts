/**
 * Exposes `window.cockpit` (CockpitApi) to the sandboxed, isolated renderer,
 * and nothing else: no ipcRenderer, no Node. A failed request rejects with a
 * plain `{name, code, message}` object, because the context bridge drops
 * custom properties (like `code`) of Error objects.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannelOf, isEventChannel, isRequestChannel } from '../contract/channels';
import { createEventHub } from '../contract/client-of';
import type { ApiError, CockpitApi, RequestChannel, RequestInput, RequestResults } from '../contract/contract';
import type { Envelope } from '../contract/wire';

const hub = createEventHub();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, msg: { event?: unknown; payload?: unknown }) => {
  if (msg && isEventChannel(msg.event)) hub.emit(msg.event, msg.payload as never);
});

function rejection(error: ApiError) {
  return { name: 'ApiCallError', code: error.code, message: error.message };
}

const cockpit: CockpitApi = {
  async request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestResults[C]> {
    if (!isRequestChannel(channel)) throw rejection({ code: 'unknown-channel', message: `Unknown request channel "${String(channel)}".` });
    let envelope: Envelope<RequestResults[C]>;
    try {
      envelope = await ipcRenderer.invoke(ipcChannelOf(channel), input);
    } catch (err) {
      throw rejection({ code: 'internal', message: (err as Error)?.message ?? String(err) });
    }
    if (envelope.ok) return envelope.result;
    throw rejection(envelope.error);
  },
  on: (event, listener) => hub.on(event, listener),
};

contextBridge.exposeInMainWorld('cockpit', cockpit);
