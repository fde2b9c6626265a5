/**
 * The in-toto predicates the cockpit signs: types, builders, and the strict
 * validators `parseStatement` applies. Builders validate what they build, so
 * nothing the cockpit signs can later be rejected by its own verifier.
 */
import { isPlainObject, isSha256Hex, parseRfc3339, unknownKeys } from './encoding';

export const TEST_RESULT_PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1';
export const SIGNOFF_PREDICATE = 'https://release-cockpit.dev/signoff/v1';
export const WAIVER_PREDICATE = 'https://release-cockpit.dev/waiver/v1';
export const BUNDLE_MANIFEST_PREDICATE = 'https://release-cockpit.dev/bundle-manifest/v1';

export interface ResourceDescriptor {
  name: string;
  digest: { sha256: string };
}

/** Fields every gate-bound predicate carries, so a signature cannot be replayed elsewhere. */
export interface GateBinding {
  gate: string;
  runId: number;
  runNo: number;
  planDigest: string;
}

/** One attempt as the operator's result signs it (run-<n>.json repeats it, unsigned). */
export interface SignedAttempt {
  n: number;
  status: 'passed' | 'failed' | 'cancelled' | 'interrupted';
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number | null;
}

/** Run statuses a signed result can state: the finished ones that ran. */
export const SIGNED_RUN_STATUSES = ['passed', 'failed', 'cancelled', 'interrupted'] as const;
export type SignedRunStatus = (typeof SIGNED_RUN_STATUSES)[number];

/**
 * in-toto's test-result predicate, with the cockpit's fields beside the
 * standard ones (in-toto consumers ignore fields they do not know): the
 * binding, the operator, and the run's status, reason and attempts, so that
 * a verifier believes these only as signed.
 */
export interface TestResultPredicate extends GateBinding {
  result: 'PASSED' | 'WARNED' | 'FAILED';
  configuration: ResourceDescriptor[];
  url?: string;
  passedTests: string[];
  warnedTests?: string[];
  failedTests: string[];
  /** Key id of the operator who ran the gate (`run --key`). */
  operator: string;
  status: SignedRunStatus;
  reason: string | null;
  attempts: SignedAttempt[];
}

export interface SignoffPredicate extends GateBinding {
  release: string;
  candidate: string;
  decision: 'approve' | 'reject';
  role: string;
  comment: string;
  /** RFC 3339. */
  time: string;
  /** Hex SHA-256 of the gate's evidence manifest (also the statement's subject). */
  evidenceManifest: string;
}

export interface WaiverPredicate extends GateBinding {
  reason: string;
  /** RFC 3339; after this instant the waiver no longer counts. */
  expires: string;
  role: string;
  time: string;
}

export interface BundleManifestPredicate {
  release: string;
  candidate: string;
  planDigest: string;
  time: string;
  /** Number of files MANIFEST.json lists. */
  files: number;
}

type Check = (v: unknown) => boolean;
interface Field {
  check: Check;
  expect: string;
  optional?: boolean;
}

const text: Field = { check: (v) => typeof v === 'string' && v.trim() !== '', expect: 'a non-empty string' };
const anyText: Field = { check: (v) => typeof v === 'string', expect: 'a string' };
const digest: Field = { check: isSha256Hex, expect: '64 lower-case hex digits' };
const posInt: Field = { check: (v) => Number.isInteger(v) && (v as number) >= 1, expect: 'a positive integer' };
const count: Field = { check: (v) => Number.isInteger(v) && (v as number) >= 0, expect: 'a non-negative integer' };
const time: Field = { check: (v) => parseRfc3339(v) !== null, expect: 'an RFC 3339 date-time with time zone' };
const names: Field = {
  check: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
  expect: 'an array of strings',
};
const descriptors: Field = {
  check: (v) => Array.isArray(v) && v.every(isResourceDescriptor),
  expect: 'an array of {name, digest:{sha256}}',
};
const ATTEMPT_STATUSES = ['passed', 'failed', 'cancelled', 'interrupted'];
const attempts: Field = {
  check: (v) => Array.isArray(v) && v.length <= 100_000 && v.every((a, i) => isSignedAttempt(a, i + 1)),
  expect: 'an array of {n, status, exitCode, signal, timedOut, durationMs}, numbered from 1',
};
const nullableText: Field = { check: (v) => v === null || typeof v === 'string', expect: 'a string or null' };
const oneOf = (...values: string[]): Field => ({
  check: (v) => values.includes(v as string),
  expect: values.map((x) => `"${x}"`).join(' or '),
});
const optional = (f: Field): Field => ({ ...f, optional: true });

const BINDING = { gate: text, runId: posInt, runNo: posInt, planDigest: digest };

const SCHEMAS: Record<string, Record<string, Field>> = {
  [TEST_RESULT_PREDICATE]: {
    ...BINDING,
    result: oneOf('PASSED', 'WARNED', 'FAILED'),
    configuration: descriptors,
    url: optional(anyText),
    passedTests: names,
    warnedTests: optional(names),
    failedTests: names,
    operator: digest,
    status: oneOf(...SIGNED_RUN_STATUSES),
    reason: nullableText,
    attempts,
  },
  [SIGNOFF_PREDICATE]: {
    ...BINDING,
    release: text,
    candidate: text,
    decision: oneOf('approve', 'reject'),
    role: text,
    comment: anyText,
    time,
    evidenceManifest: digest,
  },
  [WAIVER_PREDICATE]: { ...BINDING, reason: text, expires: time, role: text, time },
  [BUNDLE_MANIFEST_PREDICATE]: { release: text, candidate: text, planDigest: digest, time, files: count },
};

/** True when the cockpit knows (and validates) this predicate type. */
export function isKnownPredicateType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(SCHEMAS, type);
}

/** Problems with `predicate` for a known predicate type; unknown types only need to be objects. */
export function predicateErrors(predicateType: string, predicate: unknown): string[] {
  if (!isPlainObject(predicate)) return ['predicate must be a JSON object'];
  const schema = SCHEMAS[predicateType];
  if (!schema || !isKnownPredicateType(predicateType)) return [];
  const errors = unknownKeys(predicate, Object.keys(schema)).map((k) => `predicate has unknown field "${k}"`);
  for (const [name, field] of Object.entries(schema)) {
    const value = predicate[name];
    if (value === undefined) {
      if (!field.optional) errors.push(`predicate is missing "${name}"`);
    } else if (!field.check(value)) {
      errors.push(`predicate "${name}" must be ${field.expect}`);
    }
  }
  return errors;
}

export function testResultPredicate(input: GateBinding & {
  result: TestResultPredicate['result'];
  operatorKeyId: string;
  status: SignedRunStatus;
  reason: string | null;
  attempts: SignedAttempt[];
  passedTests: string[];
  failedTests: string[];
  warnedTests?: string[];
  configuration?: ResourceDescriptor[];
  url?: string;
}): TestResultPredicate {
  const { operatorKeyId, configuration, ...rest } = input;
  const predicate: TestResultPredicate = {
    ...binding(rest),
    result: rest.result,
    configuration: configuration ?? [{ name: 'plan.yaml', digest: { sha256: rest.planDigest } }],
    url: rest.url,
    passedTests: [...rest.passedTests],
    warnedTests: rest.warnedTests ? [...rest.warnedTests] : undefined,
    failedTests: [...rest.failedTests],
    operator: operatorKeyId,
    status: rest.status,
    reason: rest.reason,
    attempts: rest.attempts.map((a) => ({
      n: a.n, status: a.status, exitCode: a.exitCode, signal: a.signal, timedOut: a.timedOut, durationMs: a.durationMs,
    })),
  };
  return checked(TEST_RESULT_PREDICATE, predicate);
}

export function signoffPredicate(input: Omit<SignoffPredicate, 'time' | 'comment'> & {
  comment?: string;
  time: Date;
}): SignoffPredicate {
  return checked(SIGNOFF_PREDICATE, {
    ...binding(input),
    release: input.release,
    candidate: input.candidate,
    decision: input.decision,
    role: input.role,
    comment: input.comment ?? '',
    time: iso(input.time),
    evidenceManifest: input.evidenceManifest,
  });
}

export function waiverPredicate(input: GateBinding & {
  reason: string;
  expires: Date;
  role: string;
  time: Date;
}): WaiverPredicate {
  return checked(WAIVER_PREDICATE, {
    ...binding(input),
    reason: input.reason,
    expires: iso(input.expires),
    role: input.role,
    time: iso(input.time),
  });
}

export function bundleManifestPredicate(input: Omit<BundleManifestPredicate, 'time'> & { time: Date }): BundleManifestPredicate {
  return checked(BUNDLE_MANIFEST_PREDICATE, {
    release: input.release,
    candidate: input.candidate,
    planDigest: input.planDigest,
    time: iso(input.time),
    files: input.files,
  });
}

function binding(b: GateBinding): GateBinding {
  return { gate: b.gate, runId: b.runId, runNo: b.runNo, planDigest: b.planDigest };
}

function checked<P>(type: string, predicate: P): P {
  // Drop undefined optionals so the object equals what a verifier parses back.
  const clean = Object.fromEntries(Object.entries(predicate as object).filter(([, v]) => v !== undefined));
  const errors = predicateErrors(type, clean);
  if (errors.length) throw new Error(`invalid ${type} predicate: ${errors.join('; ')}`);
  return clean as P;
}

function iso(d: Date): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new Error('invalid date');
  return d.toISOString();
}

function isSignedAttempt(v: unknown, n: number): boolean {
  if (!isPlainObject(v) || unknownKeys(v, ['n', 'status', 'exitCode', 'signal', 'timedOut', 'durationMs']).length) return false;
  const intOrNull = (x: unknown) => x === null || Number.isSafeInteger(x);
  return v.n === n && ATTEMPT_STATUSES.includes(v.status as string) && intOrNull(v.exitCode) &&
    (v.signal === null || typeof v.signal === 'string') && typeof v.timedOut === 'boolean' &&
    (v.durationMs === null || (Number.isFinite(v.durationMs) && (v.durationMs as number) >= 0));
}

function isResourceDescriptor(v: unknown): boolean {
  if (!isPlainObject(v) || unknownKeys(v, ['name', 'digest']).length) return false;
  if (typeof v.name !== 'string' || v.name === '') return false;
  return isPlainObject(v.digest) && unknownKeys(v.digest, ['sha256']).length === 0 && isSha256Hex(v.digest.sha256);
}
