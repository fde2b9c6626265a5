import type { Handlers } from '../router';
import type { TerminalStream } from './terminal-stream';

/** Live output belongs to the asking client: its watches and its acks. */
export function terminalHandlers(stream: TerminalStream): Pick<Handlers, 'term.ack' | 'term.watch'> {
  return {
    'term.ack': ({ runId, bytes }, ctx) => {
      stream.ack(ctx.clientId, runId, bytes);
      return { ok: true };
    },
    'term.watch': ({ runId, watch }, ctx) => {
      stream.watch(ctx.clientId, runId, watch);
      return { ok: true };
    },
  };
}
