/**
 * Shared steps of sign-off and waiver verification: who the plan trusts,
 * opening a DSSE envelope into a validated statement, and checking that the
 * statement is bound to this gate, run and plan (no replays).
 */
import type { Signer } from '../plan/types';
import { IN_TOTO_PAYLOAD_TYPE, verifyEnvelope } from './dsse';
import { hasSubjectDigest, parseStatement, type Statement } from './in-toto';
import { keyIdOf } from './keys';
import { personKey } from './person';
import type { GateBinding } from './predicates';

export interface SignoffProblem {
  /** Where: the file it came from, else the signing key id, else `signoff #n`. */
  signoff: string;
  /** Which rule failed, e.g. "unknown signer", "signer lacks role", "replay". */
  rule: string;
  message: string;
}

/**
 * Plan signers by key id. A person is a signer name, compared by its
 * `personKey` (person.ts); one person may hold several keys.
 */
export interface SignerIndex {
  trusted: Map<string, Uint8Array>;
  byKeyId: Map<string, Pick<Signer, 'name' | 'roles'> & { person: string }>;
}

export function signerIndex(signers: readonly Pick<Signer, 'name' | 'publicKey' | 'roles'>[]): SignerIndex {
  const index: SignerIndex = { trusted: new Map(), byKeyId: new Map() };
  for (const s of signers) {
    // Recompute the id from the key itself rather than trusting a stored keyId.
    const id = keyIdOf(s.publicKey);
    index.trusted.set(id, s.publicKey);
    index.byKeyId.set(id, { name: s.name.trim(), person: personKey(s.name), roles: s.roles });
  }
  return index;
}

export interface OpenedStatement<P> {
  statement: Statement<P>;
  /** Verified signers, one per distinct valid key; `person` is the name's personKey. */
  signers: { keyId: string; name: string; person: string; roles: string[] }[];
}

/**
 * Verifies `env` against the plan's signers and parses its statement. Any
 * unknown, invalid or malformed signature rejects the whole envelope: an
 * altered file is not partly believed.
 */
export function openSigned<P>(
  env: unknown,
  index: SignerIndex,
  predicateType: string,
  label: (firstKeyId?: string) => string,
): { opened?: OpenedStatement<P>; problems: SignoffProblem[] } {
  const v = verifyEnvelope(env, index.trusted, { expectedPayloadType: IN_TOTO_PAYLOAD_TYPE });
  const where = label(v.signatures[0]?.keyid);
  const problems: SignoffProblem[] = [];
  const perSignature = new Set<string>();
  for (const s of v.signatures) {
    if (!s.error) continue;
    perSignature.add(s.error);
    if (s.status === 'unknown-key') {
      problems.push({ signoff: where, rule: 'unknown signer', message: `unknown signer: key ${s.keyid} is not a signer in the plan` });
    } else {
      problems.push({ signoff: where, rule: 'bad signature', message: s.error });
    }
  }
  for (const e of v.errors) {
    if (!perSignature.has(e)) problems.push({ signoff: where, rule: 'bad envelope', message: e });
  }
  if (!v.ok || !v.payload) return { problems };
  const parsed = parseStatement<P>(v.payload, predicateType);
  if (!parsed.ok) {
    return { problems: parsed.errors.map((message) => ({ signoff: where, rule: 'bad statement', message })) };
  }
  const signers = v.keyids.map((keyId) => {
    const s = index.byKeyId.get(keyId)!;
    return { keyId, name: s.name, person: s.person, roles: s.roles };
  });
  return { opened: { statement: parsed.statement, signers }, problems };
}

export interface CurrentRun {
  gate: string;
  runId: number;
  runNo: number;
  planDigest: string;
  manifestSha256: string;
}

/** Problems when a statement was made for another gate, run, plan or evidence. */
export function replayProblems(
  st: Statement<GateBinding>,
  current: CurrentRun,
  where: string,
  extra: { release?: [string, string]; candidate?: [string, string]; evidenceManifest?: string } = {},
): SignoffProblem[] {
  const p = st.predicate;
  const out: SignoffProblem[] = [];
  const add = (message: string) => out.push({ signoff: where, rule: 'replay', message });
  if (p.gate !== current.gate) add(`replayed from another gate: signed for "${p.gate}", this is "${current.gate}"`);
  if (p.runId !== current.runId || p.runNo !== current.runNo) {
    add(`replayed from another run: signed for run ${p.runNo} (id ${p.runId}), this is run ${current.runNo} (id ${current.runId})`);
  }
  if (p.planDigest !== current.planDigest) add('replayed from another plan: the plan digest differs');
  for (const key of ['release', 'candidate'] as const) {
    const pair = extra[key];
    if (pair && pair[0] !== pair[1]) add(`replayed from another plan: signed for ${key} "${pair[0]}", this is "${pair[1]}"`);
  }
  // One problem for the evidence, whether the predicate or the subject names other bytes.
  if (extra.evidenceManifest !== undefined && extra.evidenceManifest !== current.manifestSha256) {
    add("replayed from another run: it signs different evidence than this run's manifest");
  } else if (!hasSubjectDigest(st, current.manifestSha256)) {
    add("replayed from another run: the statement's subject is not this run's evidence manifest");
  }
  return out;
}

/** The person (personKey) who ran the gate, if the operator's key is a plan signer. */
export function operatorPerson(index: SignerIndex, operatorKeyId?: string): string | undefined {
  return operatorKeyId ? index.byKeyId.get(operatorKeyId)?.person : undefined;
}

/** Separation of duties: the operator's key, or any key of the same person. */
export function isOperator(signer: { keyId: string; person: string }, operatorKeyId?: string, opPerson?: string): boolean {
  return signer.keyId === operatorKeyId || (opPerson !== undefined && signer.person === opPerson);
}
