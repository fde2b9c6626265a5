import type { CockpitSession } from '../session';
import type { Handlers } from '../router';

/** Live output belongs to the asking client: its watches and its acks. */
export function terminalHandlers(s: CockpitSession): Pick<Handlers, 'term.ack' | 'term.watch'> {
  return {
    'term.ack': ({ runId, bytes }, ctx) => {
      s.stream.ack(ctx.clientId, runId, bytes);
      return { ok: true };
    },
    'term.watch': ({ runId, watch }, ctx) => {
      s.stream.watch(ctx.clientId, runId, watch);
      return { ok: true };
    },
  };
}
