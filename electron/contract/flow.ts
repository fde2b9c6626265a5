/**
 * Live-view flow control of the host's TerminalStream (see
 * docs/adr/0002-view-flow-control.md). The host stops sending a run's output
 * to a viewer with HIGH unacknowledged bytes and resumes below LOW. A viewer
 * must in the end ack every byte it was sent (the renderer acks each slice
 * once xterm has parsed it), or the stream stays held.
 */

export const FLOW = {
  HIGH: 100_000,
  LOW: 5_000,
  /** Batching interval of live output. */
  BATCH_MS: 8,
  /** A batch is sent at once when it reaches this size. */
  BATCH_MAX_BYTES: 256 * 1024,
  /** Output kept for a held viewer; older bytes are skipped. */
  MAX_PENDING_BYTES: 1024 * 1024,
} as const;
