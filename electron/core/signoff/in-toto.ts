/**
 * in-toto Statement v1 (https://github.com/in-toto/attestation): what was
 * attested (`subject`, by digest) and the claim about it (`predicate`).
 */
import { canonicalJson } from './canonical-json';
import { isPlainObject, isSha256Hex, unknownKeys } from './encoding';
import { predicateErrors } from './predicates';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

export interface Subject {
  name: string;
  digest: { sha256: string };
}

export interface Statement<P = Record<string, unknown>> {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: string;
  predicate: P;
}

export type ParsedStatement<P = Record<string, unknown>> =
  | { ok: true; statement: Statement<P> }
  | { ok: false; errors: string[] };

/** Builds a statement; throws if it would not pass `parseStatement`. */
export function statement<P extends object>(subjects: Subject[], predicateType: string, predicate: P): Statement<P> {
  const st: Statement<P> = {
    _type: STATEMENT_TYPE,
    subject: subjects.map((s) => ({ name: s.name, digest: { sha256: s.digest.sha256 } })),
    predicateType,
    predicate,
  };
  const errors = statementErrors(st);
  if (errors.length) throw new Error(`invalid statement: ${errors.join('; ')}`);
  return st;
}

/** The bytes to put in a DSSE envelope: canonical JSON, UTF-8. */
export function statementPayload(st: Statement<object>): Buffer {
  return Buffer.from(canonicalJson(st), 'utf8');
}

/**
 * Parses and validates a statement payload. When `expectedPredicateType` is
 * given any other type is an error. Known predicate types are checked field by
 * field. Never throws.
 */
export function parseStatement<P = Record<string, unknown>>(
  payload: Buffer | Uint8Array | string,
  expectedPredicateType?: string,
): ParsedStatement<P> {
  let value: unknown;
  try {
    const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`statement is not valid JSON: ${(e as Error).message}`] };
  }
  const errors = statementErrors(value);
  if (
    expectedPredicateType !== undefined &&
    isPlainObject(value) &&
    typeof value.predicateType === 'string' &&
    value.predicateType !== expectedPredicateType
  ) {
    errors.unshift(`wrong predicateType "${value.predicateType}", expected "${expectedPredicateType}"`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, statement: value as Statement<P> };
}

/** True when one of the statement's subjects has this SHA-256. */
export function hasSubjectDigest(st: Statement<unknown>, sha256: string): boolean {
  return st.subject.some((s) => s.digest.sha256 === sha256);
}

function statementErrors(value: unknown): string[] {
  if (!isPlainObject(value)) return ['statement is not a JSON object'];
  const errors = unknownKeys(value, ['_type', 'subject', 'predicateType', 'predicate']).map(
    (k) => `statement has unknown field "${k}"`,
  );
  if (value._type !== STATEMENT_TYPE) errors.push(`statement "_type" must be "${STATEMENT_TYPE}"`);
  if (!Array.isArray(value.subject) || value.subject.length === 0) {
    errors.push('statement "subject" must be a non-empty array');
  } else {
    value.subject.forEach((s: unknown, i: number) => errors.push(...subjectErrors(s, i)));
  }
  if (typeof value.predicateType !== 'string' || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(value.predicateType)) {
    errors.push('statement "predicateType" must be a URI');
    return errors;
  }
  return [...errors, ...predicateErrors(value.predicateType, value.predicate)];
}

function subjectErrors(s: unknown, i: number): string[] {
  const where = `subject ${i + 1}`;
  if (!isPlainObject(s)) return [`${where} is not an object`];
  const errors = unknownKeys(s, ['name', 'digest']).map((k) => `${where} has unknown field "${k}"`);
  if (typeof s.name !== 'string' || s.name === '') errors.push(`${where} is missing "name"`);
  if (!isPlainObject(s.digest)) {
    errors.push(`${where} is missing "digest"`);
  } else {
    const extra = unknownKeys(s.digest, ['sha256']);
    if (extra.length) errors.push(`${where} digest has unsupported algorithm(s): ${extra.join(', ')}`);
    if (!isSha256Hex(s.digest.sha256)) errors.push(`${where} digest.sha256 must be 64 lower-case hex digits`);
  }
  return errors;
}
