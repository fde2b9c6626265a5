/**
 * Live-view flow control, shared by the host's TerminalStream and the
 * renderer (see docs/adr/0002-view-flow-control.md). The host stops sending a
 * run's output to a viewer with HIGH unacknowledged bytes and resumes below
 * LOW. The viewer acks what it has rendered in steps of at most ACK_SIZE;
 * ACK_SIZE must not exceed LOW, or the stream could stay held for ever.
 */
import type { CockpitApi } from './contract';

export const FLOW = {
  HIGH: 100_000,
  LOW: 5_000,
  ACK_SIZE: 5_000,
  /** Batching interval of live output. */
  BATCH_MS: 8,
  /** A batch is sent at once when it reaches this size. */
  BATCH_MAX_BYTES: 256 * 1024,
  /** Output kept for a held viewer; older bytes are skipped. */
  MAX_PENDING_BYTES: 1024 * 1024,
} as const;

/**
 * Counts rendered bytes of one run and acks them in ACK_SIZE steps. Call
 * `rendered(n)` from xterm's write callback; `flush()` when the view closes.
 */
export function createAcker(api: Pick<CockpitApi, 'request'>, runId: number) {
  let owed = 0;
  const send = (bytes: number) => {
    void api.request('term.ack', { runId, bytes }).catch(() => undefined);
  };
  return {
    rendered(bytes: number): void {
      owed += bytes;
      while (owed >= FLOW.ACK_SIZE) {
        send(FLOW.ACK_SIZE);
        owed -= FLOW.ACK_SIZE;
      }
    },
    flush(): void {
      if (owed > 0) send(owed);
      owed = 0;
    },
  };
}
