/**
 * Fan-out of masked output to live viewers, with flow control that never touches the pty.
 *
 * While paused, chunks are held for the viewers (the log keeps being written elsewhere). If
 * more than 8 MiB pile up, they are dropped and the viewers get one note on resume saying how
 * much they missed; the note is for the view only, never for the log.
 */
import type { Disposable } from '../../electron/core/runs/ports';

export const LIVE_HOLD_LIMIT = 8 * 1024 * 1024;

export function skipNote(bytes: number): Buffer {
  return Buffer.from(
    `\r\n\x1b[2m[… ${bytes} bytes skipped in the live view; the stored log is complete]\x1b[0m\r\n`,
  );
}

type Listener = (chunk: Buffer) => void;

export class LiveView {
  private readonly listeners = new Set<Listener>();
  private paused = false;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private skipped = 0;

  subscribe(listener: Listener): Disposable {
    // Wrap so the same function can subscribe twice and dispose independently.
    const entry: Listener = (chunk) => listener(chunk);
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  }

  emit(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (!this.paused) {
      this.deliver(chunk);
      return;
    }
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes > LIVE_HOLD_LIMIT) {
      this.skipped += this.heldBytes;
      this.held = [];
      this.heldBytes = 0;
    }
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.skipped > 0) this.deliver(skipNote(this.skipped));
    this.skipped = 0;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    // emit(), not deliver(): a viewer that pauses again mid-way gets the rest held, in order.
    for (const chunk of held) this.emit(chunk);
  }

  private deliver(chunk: Buffer): void {
    for (const listener of this.listeners) {
      try {
        listener(chunk);
      } catch {
        // A broken viewer must not stop the capture or the other viewers.
      }
    }
  }
}
