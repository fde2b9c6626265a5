/**
 * Flow control for the live view: the host stops sending a run's output when
 * too many bytes are unacknowledged. We acknowledge bytes once xterm has
 * parsed them (its write callback), in steps of at most ACK_STEP bytes — the
 * step must stay below the host's low watermark or the stream never resumes
 * (VS Code's CharCountAckSize). A remainder is flushed after a short idle,
 * so the host's count is exact when the output pauses.
 */
import { FLOW } from '../../electron/host/api/flow';

export const ACK_STEP = FLOW.ACK_SIZE;
const IDLE_FLUSH_MS = 40;

export type SendAck = (bytes: number) => void;

export class Acker {
  private pending = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly send: SendAck) {}

  /** Records `bytes` as rendered; sends full steps now and the rest when idle. */
  written(bytes: number): void {
    if (this.closed || bytes <= 0) return;
    this.pending += bytes;
    while (this.pending >= ACK_STEP) {
      this.pending -= ACK_STEP;
      this.send(ACK_STEP);
    }
    if (this.pending > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, IDLE_FLUSH_MS);
    }
  }

  flush(): void {
    if (this.closed || this.pending <= 0) return;
    const n = this.pending;
    this.pending = 0;
    this.send(n);
  }

  close(): void {
    this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
