/**
 * Fan-out of an attempt's masked output to its live viewers. It never holds
 * or drops anything: flow control is per viewer, in the host's TerminalStream
 * (docs/adr/0002-view-flow-control.md), and never reaches the pty or the log.
 */
import type { Disposable } from '../../electron/core/runs/ports';

type Listener = (chunk: Buffer) => void;

export class LiveView {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): Disposable {
    // Wrap so the same function can subscribe twice and dispose independently.
    const entry: Listener = (chunk) => listener(chunk);
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  }

  emit(chunk: Buffer): void {
    if (chunk.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(chunk);
      } catch {
        // A broken viewer must not stop the capture or the other viewers.
      }
    }
  }
}
