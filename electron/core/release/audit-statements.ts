/**
 * The audit trail against the statements a bundle carries. The store appends
 * an event for every signed result, sign-off and waiver in the same
 * transaction that stores it, with the statement's digest and signed time.
 * So a statement the trail records for a run in the bundle must be in the
 * bundle, or be superseded there by a later statement of the same person.
 * Dropping a rejection (or putting an earlier approval back in its place) and
 * re-signing MANIFEST.json is caught here. Rewriting the trail's text as well
 * is not: ADR 0007 says what detects that.
 */
import type { AuditEvent } from '../signoff/audit-chain';
import { parseRfc3339, sha256Hex } from '../signoff/encoding';
import type { SignerIndex } from '../signoff/signed-statement';
import { AUDIT_JSONL } from './layout';
import type { GateInput } from './release-rules';
import { peekEnvelope } from './statements';

export interface AuditProblem {
  rule: string;
  file: string;
  message: string;
}

interface Held {
  sha256: string;
  person: string | null;
  /** Signed time, ms; null when unreadable. */
  time: number | null;
}

const RESULT = 'result.signed';
const SIGNOFF = ['signoff.approved', 'signoff.rejected'];
const WAIVER = 'waiver.recorded';
const RUN_STARTED = ['run.start', 'run.blocked'];

export function auditStatementProblems(events: readonly AuditEvent[], inputs: readonly GateInput[], index: SignerIndex): AuditProblem[] {
  const problems: AuditProblem[] = [];
  for (const input of inputs) {
    const run = input.run;
    if (!run) continue;
    const gate = input.gate.id;
    const add = (e: AuditEvent, message: string, rule = 'statement removed') =>
      problems.push({ rule, file: AUDIT_JSONL, message: `${AUDIT_JSONL} event ${e.seq}: ${message}` });
    const where = `gate "${gate}" run #${run.runNo}`;
    // The run that counts is the gate's latest for its definition: a later one (rejected, say) cannot be left out.
    const later = events.find((e) => RUN_STARTED.includes(e.type) && e.data.gate === gate && typeof e.data.runNo === 'number' &&
      e.data.runNo > run.runNo && (e.data.gateDigest === undefined || e.data.gateDigest === input.gate.digest));
    if (later) add(later, `records run #${later.data.runNo} of gate "${gate}", later than the run #${run.runNo} the bundle holds (a later run was left out)`, 'later run left out');
    const mine = events.filter((e) => e.data.gate === gate && e.data.runId === run.id);
    if (mine.length === 0) continue;

    const lastResult = mine.filter((e) => e.type === RESULT).at(-1);
    if (lastResult) {
      const held = input.result === undefined ? null : heldOf(input.result, index);
      const want = lastResult.data.envelopeSha256;
      if (!held) add(lastResult, `records the operator's signed result of ${where}, which the bundle does not hold (it was removed)`);
      else if (typeof want === 'string' && want !== held.sha256) add(lastResult, `records another signed result of ${where} than the bundle holds (it was replaced)`);
    }

    const signoffs = input.signoffs.map((s) => heldOf(s, index));
    for (const e of mine.filter((x) => SIGNOFF.includes(x.type))) {
      const person = personOfEvent(e, index);
      const what = `${e.type === 'signoff.rejected' ? 'rejection' : 'approval'} by ${e.actor ?? 'a signer'} of ${where}`;
      const theirs = signoffs.filter((h) => h && person !== null && h.person === person) as Held[];
      if (theirs.length === 0) {
        add(e, `records a ${what}; the bundle holds no statement of theirs (it was removed)`);
        continue;
      }
      if (!accountedFor(e, theirs)) add(e, `records a ${what}; the bundle holds only an earlier statement of theirs (a later one was removed or replaced)`);
    }

    const lastWaiver = mine.filter((e) => e.type === WAIVER).at(-1);
    if (lastWaiver) {
      const held = input.waiver === undefined ? null : heldOf(input.waiver, index);
      if (!held) add(lastWaiver, `records a waiver of ${where}, which the bundle does not hold (it was removed)`);
      else if (!accountedFor(lastWaiver, [held])) add(lastWaiver, `records a later waiver of ${where} than the bundle holds (it was replaced)`);
    }
  }
  return problems;
}

/** The event's statement is held, or a later one of the same signer is. Old events (no digest) only need one. */
function accountedFor(e: AuditEvent, held: Held[]): boolean {
  const want = e.data.envelopeSha256;
  if (typeof want !== 'string') return true;
  if (held.some((h) => h.sha256 === want)) return true;
  const at = typeof e.data.signedAt === 'string' ? parseRfc3339(e.data.signedAt)?.getTime() : undefined;
  if (at === undefined) return false;
  return held.some((h) => h.time !== null && h.time > at);
}

function personOfEvent(e: AuditEvent, index: SignerIndex): string | null {
  const keyId = e.data.keyId;
  return typeof keyId === 'string' ? index.byKeyId.get(keyId)?.person ?? null : null;
}

/** Digest, signer and signed time of an envelope, read without verifying (verification is elsewhere). */
function heldOf(envelope: unknown, index: SignerIndex): Held | null {
  const text = typeof envelope === 'string' ? envelope : JSON.stringify(envelope);
  const peeked = peekEnvelope(text);
  if (!peeked) return null;
  const time = peeked.predicate.time;
  return {
    sha256: sha256Hex(text),
    person: peeked.keyId ? index.byKeyId.get(peeked.keyId)?.person ?? null : null,
    time: typeof time === 'string' ? parseRfc3339(time)?.getTime() ?? null : null,
  };
}
