/**
 * The hash-chained audit log (audit.jsonl). Each event holds the hash of the
 * one before it, so editing, removing, inserting or reordering events breaks
 * the chain. Dropping events from the END is only caught against an anchor
 * kept elsewhere (`expectedHead`, e.g. recorded in the signed MANIFEST).
 */
import { canonicalJson } from './canonical-json';
import { isPlainObject, isSha256Hex, sha256Hex, unknownKeys } from './encoding';

export const GENESIS_PREV = '0'.repeat(64);

export interface AuditEventInput {
  type: string;
  /** Milliseconds since the epoch, or an RFC 3339 string. */
  ts: number | string;
  actor?: string;
  data: Record<string, unknown>;
}

export interface AuditEvent extends AuditEventInput {
  /** 1-based position in the chain. */
  seq: number;
  /** `hash` of the previous event, or 64 zeros for the first. */
  prev: string;
  /** Hex SHA-256 of this event's canonical JSON without `hash`. */
  hash: string;
}

export interface ChainError {
  seq: number;
  message: string;
}

const FIELDS = ['seq', 'type', 'ts', 'actor', 'data', 'prev', 'hash'];

export function appendEvent(prev: AuditEvent | null, event: AuditEventInput): AuditEvent {
  const problem = inputProblem(event);
  if (problem) throw new Error(`audit event: ${problem}`);
  const body: Omit<AuditEvent, 'hash'> = {
    seq: prev ? prev.seq + 1 : 1,
    prev: prev ? prev.hash : GENESIS_PREV,
    type: event.type,
    ts: event.ts,
    ...(event.actor !== undefined ? { actor: event.actor } : {}),
    // Round-trip so later mutation of the caller's object cannot change a hashed event.
    data: JSON.parse(canonicalJson(event.data)) as Record<string, unknown>,
  };
  return { ...body, hash: eventHash(body) };
}

/** Hex SHA-256 of the event's canonical JSON, `hash` left out. */
export function eventHash(event: Omit<AuditEvent, 'hash'> | AuditEvent): string {
  const { hash: _omit, ...body } = event as AuditEvent;
  return sha256Hex(canonicalJson(body));
}

export function verifyChain(
  events: readonly AuditEvent[],
  options: { expectedHead?: string } = {},
): { ok: boolean; errors: ChainError[] } {
  const errors: ChainError[] = [];
  let prevHash = GENESIS_PREV;
  let prevSeq = 0;
  events.forEach((e, i) => {
    const expectedSeq = i + 1;
    const seq = typeof e?.seq === 'number' ? e.seq : expectedSeq;
    const shape = shapeProblem(e);
    if (shape) {
      errors.push({ seq, message: shape });
    } else {
      if (e.seq !== expectedSeq) {
        const why = e.seq <= prevSeq ? 'reordered or duplicated' : 'events removed, inserted or reordered before it';
        errors.push({ seq, message: `seq ${e.seq} found where seq ${expectedSeq} belongs (after seq ${prevSeq}): ${why}` });
      }
      if (e.prev !== prevHash) {
        errors.push({
          seq,
          message:
            i === 0
              ? 'first event does not start the chain (prev is not zeros): events before it were removed'
              : `prev does not match the hash of the event before it (seq ${prevSeq}): removed, inserted or reordered`,
        });
      }
      if (eventHash(e) !== e.hash) errors.push({ seq, message: 'event was edited: its content does not match its hash' });
    }
    prevHash = isPlainObject(e) && typeof e.hash === 'string' ? e.hash : '';
    prevSeq = seq;
  });
  if (options.expectedHead !== undefined) {
    const head = events.length ? events[events.length - 1].hash : GENESIS_PREV;
    if (head !== options.expectedHead) {
      errors.push({ seq: events.length ? prevSeq : 0, message: 'the last event is not the recorded head: events were removed from the end or added' });
    }
  }
  return { ok: errors.length === 0, errors };
}

/** One canonical JSON event per line, newline-terminated. */
export function toJsonl(events: readonly AuditEvent[]): string {
  return events.map((e) => `${canonicalJson(e)}\n`).join('');
}

/** Parses audit.jsonl; every malformed line is reported with its 1-based line number. */
export function parseJsonl(text: string): { ok: boolean; events: AuditEvent[]; errors: { line: number; message: string }[] } {
  const events: AuditEvent[] = [];
  const errors: { line: number; message: string }[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') {
      errors.push({ line, message: `line ${line}: empty line` });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      errors.push({ line, message: `line ${line}: not valid JSON (${(e as Error).message})` });
      return;
    }
    const problem = shapeProblem(value);
    if (problem) errors.push({ line, message: `line ${line}: ${problem}` });
    else events.push(value as AuditEvent);
  });
  return { ok: errors.length === 0, events, errors };
}

function inputProblem(e: AuditEventInput): string | null {
  if (typeof e.type !== 'string' || e.type === '') return '"type" must be a non-empty string';
  if (!(typeof e.ts === 'string' ? e.ts !== '' : Number.isFinite(e.ts))) return '"ts" must be a number or a non-empty string';
  if (e.actor !== undefined && typeof e.actor !== 'string') return '"actor" must be a string';
  if (!isPlainObject(e.data)) return '"data" must be a JSON object';
  return null;
}

function shapeProblem(e: unknown): string | null {
  if (!isPlainObject(e)) return 'event is not a JSON object';
  const extra = unknownKeys(e, FIELDS);
  if (extra.length) return `event has unknown field(s): ${extra.join(', ')}`;
  if (!Number.isInteger(e.seq) || (e.seq as number) < 1) return '"seq" must be a positive integer';
  if (!isSha256Hex(e.prev)) return '"prev" must be 64 lower-case hex digits';
  if (!isSha256Hex(e.hash)) return '"hash" must be 64 lower-case hex digits';
  return inputProblem(e as unknown as AuditEventInput);
}
