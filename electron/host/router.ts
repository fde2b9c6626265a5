/**
 * The one request router both transports use. Every request is checked
 * against the contract's schema before anything else sees it, and every
 * outcome is an envelope: `{ok:true,result}` or `{ok:false,error}` with a
 * code and a message, never a stack trace.
 */
import type { z } from 'zod';
import { requestSchemas, type ApiError, type RequestChannel, type RequestResults } from '../contract/contract';
import type { Envelope } from '../contract/wire';
import { CockpitError } from '../core/errors';

/** Who is asking: live output and acks belong to one client. */
export interface RequestContext {
  clientId: string;
}

export type ParsedInput<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]>;

export type Handler<C extends RequestChannel> = (
  input: ParsedInput<C>,
  ctx: RequestContext,
) => RequestResults[C] | Promise<RequestResults[C]>;

export type Handlers = { [C in RequestChannel]: Handler<C> };

export type Route = (channel: unknown, input: unknown, ctx: RequestContext) => Promise<Envelope<unknown>>;

function fail(code: ApiError['code'], message: string, details?: ApiError['details']): Envelope<never> {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}

/** A readable list of what is wrong with an input, one issue per clause. */
export function describeIssues(channel: string, issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.map((i) => {
    const where = i.path.length > 0 ? i.path.map(String).join('.') : 'input';
    return `${where}: ${i.message.replace(/^Invalid input: /, '')}`;
  });
  return `Invalid input for "${channel}": ${parts.join('; ')}`;
}

function isChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, channel);
}

export function createRouter(handlers: Handlers, onInternalError?: (channel: string, err: unknown) => void): Route {
  return async (channel, input, ctx) => {
    if (!isChannel(channel)) {
      const name = typeof channel === 'string' ? `"${channel.slice(0, 100)}"` : 'a missing channel';
      return fail('unknown-channel', `Unknown request channel ${name}.`);
    }
    const parsed = requestSchemas[channel].safeParse(input);
    if (!parsed.success) return fail('invalid-input', describeIssues(channel, parsed.error.issues));
    try {
      const handler = handlers[channel] as Handler<RequestChannel>;
      const result = await handler(parsed.data as never, ctx);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof CockpitError && err.code !== 'internal') return fail(err.code, err.message, err.details);
      onInternalError?.(channel, err);
      const message = err instanceof Error ? err.message : String(err);
      return fail('internal', message || 'Internal error.');
    }
  };
}
