/**
 * Who is connected (a window, a browser tab, the shell itself), and the one
 * way to tell them all something. Live output is not broadcast: a client
 * gets it only for the runs it watches (terminal-stream.ts).
 */
import type { EventChannel, EventPayloads } from '../contract/contract';
import type { TerminalStream } from './terminal/terminal-stream';

export type EventSink = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void;
export type Broadcast = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void;

export interface SessionClient {
  readonly id: string;
  dispose(): void;
}

export class ClientRegistry {
  private readonly sinks = new Map<string, EventSink>();
  private next = 1;

  constructor(private readonly stream: TerminalStream) {}

  connect(sink: EventSink): SessionClient {
    const id = `client-${this.next++}`;
    this.sinks.set(id, sink);
    this.stream.addViewer(id, (payload) => sink('run.output', payload));
    return {
      id,
      dispose: () => {
        this.sinks.delete(id);
        this.stream.removeViewer(id);
      },
    };
  }

  readonly broadcast: Broadcast = (event, payload) => {
    for (const sink of [...this.sinks.values()]) {
      try {
        sink(event, payload);
      } catch {
        // One broken client must not starve the others; its own transport reports its failure.
      }
    }
  };

  clear(): void {
    this.sinks.clear();
  }
}
