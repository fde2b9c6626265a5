/**
 * The sign-off part of CockpitApi: identities, sign-off requests and
 * signatures, waivers, bundle verification and the ceremony. contract.ts
 * spreads these schemas and results into its maps; this file stays free of
 * Node APIs for the same reason (the renderer imports it).
 *
 * Files travel as base64 (uploads bounded: MAX_UPLOAD_BYTES for request and
 * bundle zips, MAX_SIGNATURE_BYTES per sign-off file); passphrases are used
 * once to unlock a key and never stored.
 */
import { z } from 'zod';
import type { GateStatus } from '../core/runs/types';
import type { Blocker, VerifyCheck } from '../core/release/view-types';

export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 1024 * 1024;
export const MAX_SIGNATURE_FILES = 50;

/** Base64 length of `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

function base64(maxBytes: number, what: string) {
  return z
    .string()
    .min(1, `${what} is empty`)
    .max(base64Length(maxBytes), `${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, `${what} is not base64`);
}

const gateId = z.string().min(1).max(200);
const keyId = z.string().regex(/^[0-9a-f]{64}$/, 'expected a key id (64 hex characters)');
/** Optional: a key sealed by the OS key store (desktop) needs none. */
const passphrase = z.string().min(1, 'the passphrase is empty').max(1024).optional();
const role = z.string().min(1).max(200).optional();
const fileName = z.string().min(1).max(255);
const decision = z.enum(['approve', 'reject']);

export const releaseSchemas = {
  /** The identities in the data directory's keys/ and the one in use. */
  'identity.get': z.object({}).strict(),
  /** A new Ed25519 identity, encrypted at rest (passphrase: scrypt + AES-256-GCM, as `keys create`); it becomes the one in use. */
  'identity.create': z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'a name is required (the name the plan lists for this signer)')
        .max(200)
        .regex(/^[^\u0000-\u001f\u007f]*$/, 'the name must not contain control characters'),
      passphrase,
    })
    .strict(),
  /** Which identity signs from now on. */
  'identity.select': z.object({ keyId }).strict(),
  /** A gate's counting run, its evidence manifest (files with SHA-256) and whether you may sign it off. */
  'signoff.review': z.object({ gateId }).strict(),
  /** The sign-off request zip of a gate's passed run, for an offline officer (base64, to download). */
  'signoff.request': z.object({ gateId }).strict(),
  /**
   * Signs a sign-off: of a gate of the open plan (stored at once), or of a
   * request zip from another cockpit (checked offline, returned to send back).
   */
  'signoff.sign': z
    .object({
      gateId: gateId.optional(),
      requestZip: base64(MAX_UPLOAD_BYTES, 'the request zip').optional(),
      decision,
      comment: z.string().max(4000).optional(),
      role,
      passphrase,
    })
    .strict()
    .refine((v) => (v.gateId === undefined) !== (v.requestZip === undefined), {
      message: 'give exactly one of gateId or requestZip',
      path: ['gateId'],
    }),
  /** Sign-off (or waiver) files from offline officers: each is verified; all are stored, or none. */
  'signoff.import': z
    .object({
      files: z
        .array(z.object({ name: fileName, base64: base64(MAX_SIGNATURE_BYTES, 'a sign-off file') }).strict())
        .min(1, 'choose at least one sign-off file')
        .max(MAX_SIGNATURE_FILES),
    })
    .strict(),
  /** A signed waiver for a failed gate, with a reason and an expiry (`YYYY-MM-DD`, end of day UTC, or RFC 3339). */
  'waiver.create': z
    .object({
      gateId,
      reason: z.string().trim().min(1, 'a reason is required').max(4000),
      expires: z.string().min(1).max(64),
      role,
      passphrase,
    })
    .strict(),
  /** Offline verification of a bundle (an uploaded zip, or a directory or zip on this machine) against a trusted key. */
  'bundle.verify': z
    .object({
      zip: base64(MAX_UPLOAD_BYTES, 'the bundle zip').optional(),
      name: fileName.optional(),
      path: z.string().min(1).max(4096).optional(),
      trust: z.string().trim().min(1, 'paste the release manager\u2019s public key ("ed25519:\u2026")').max(4096),
    })
    .strict()
    .refine((v) => (v.zip === undefined) !== (v.path === undefined), { message: 'give exactly one of zip or path', path: ['zip'] }),
  /** Every blocker of the ceremony for the identity in use; ready when there is none. */
  'ceremony.status': z.object({}).strict(),
  /** Holds the ceremony: writes the final bundle, verifies it and tags the candidate. */
  'ceremony.run': z.object({ passphrase }).strict(),
} as const;

/** Channels whose input may exceed the normal request frame (file uploads). */
export const UPLOAD_CHANNELS: readonly string[] = ['signoff.sign', 'signoff.import', 'bundle.verify'];

export interface KeyInfo {
  keyId: string;
  name: string;
  /** `ed25519:<base64>`, for the plan's signers. */
  publicKey: string;
  file: string;
  protection: 'passphrase' | 'os';
  /** The open plan's signer entry for this key, or null when the plan does not list it. */
  signer: { name: string; roles: string[] } | null;
}

export interface IdentityState {
  /** Where key files live (the CLI's `keys list` directory). */
  keysDir: string;
  /** How a new identity is protected here. */
  protection: 'passphrase' | 'os';
  current: KeyInfo | null;
  keys: KeyInfo[];
}

export interface ReviewFile {
  /** Relative to `gates/<id>/` in a request or bundle: `run-1.log`, `evidence/...`, `metrics.csv`. */
  path: string;
  sha256: string;
  size: number;
}

/** Why the identity in use cannot sign this gate off now. */
export interface SignProblem {
  rule: 'no identity' | 'no sign-off rule' | 'not run' | 'not passed' | 'not failed' | 'not a signer' | 'signer lacks role' | 'separation of duties';
  message: string;
}

export interface SignoffReview {
  gateId: string;
  run: {
    id: number;
    runNo: number;
    status: GateStatus;
    operator: string | null;
    operatorKeyId: string | null;
    /** True when the operator signed the run's result (`run --key`). */
    resultSigned: boolean;
    startedAt: number;
    endedAt: number | null;
  } | null;
  /** Hex SHA-256 of the run's evidence manifest: what a sign-off signs. Null until the run is final. */
  manifestSha256: string | null;
  files: ReviewFile[];
  you: {
    keyId: string;
    name: string;
    /** Roles you hold that this gate accepts. */
    roles: string[];
    problem: SignProblem | null;
    /** Why you may not waive this run's failure, or null (only a failed run is waived). */
    waiveProblem: SignProblem | null;
    /** Your stored decision on this run, if any (signing again replaces it). */
    decided: 'approve' | 'reject' | null;
  } | null;
}

export interface DownloadFile {
  fileName: string;
  /** Base64 of the bytes. */
  base64: string;
  size: number;
}

export interface SignedSignoff {
  fileName: string;
  /** The DSSE envelope's JSON text: the small file an officer sends back. */
  envelope: string;
  gate: string;
  runNo: number;
  decision: 'approve' | 'reject';
  role: string;
  person: string;
  /** True when it was stored in this cockpit (a gate of the open plan). */
  stored: boolean;
}

export interface ImportFileResult {
  name: string;
  /**
   * imported; refused (with problems); valid but not stored because another
   * file was refused (held); or valid but superseded by a later statement of
   * the same person already stored (ignored; `problems` says which).
   */
  outcome: 'imported' | 'refused' | 'held' | 'ignored';
  kind?: 'signoff' | 'waiver';
  gate?: string;
  runNo?: number;
  person?: string;
  role?: string;
  decision?: 'approve' | 'reject' | null;
  problems: { rule: string; message: string }[];
}

export interface BundleVerification {
  ok: boolean;
  checks: VerifyCheck[];
  /** What was verified: the uploaded file's name or the path. */
  source: string;
  files: number;
  trustedKeyId: string;
}

export interface CeremonyStatus {
  release: string;
  candidate: string;
  /** Nothing blocks: the identity in use may tag now. */
  ready: boolean;
  blockers: Blocker[];
  /** The identity that would sign the bundle, and whether it holds a ceremony role. */
  signer: { name: string; keyId: string; problem: string | null } | null;
  ceremonyRoles: string[];
  /** The latest ceremony of this plan, from the audit trail. */
  tagged: CeremonyDone | null;
}

export interface CeremonyDone {
  tag: string;
  commit: string;
  manifestSha256: string;
  bundle: string;
  by: string;
  at: string;
}

export type CeremonyOutcome = ({ ok: true } & CeremonyDone) | { ok: false; blockers: Blocker[] };

export interface ReleaseResults {
  'identity.get': IdentityState;
  'identity.create': IdentityState;
  'identity.select': IdentityState;
  'signoff.review': SignoffReview;
  'signoff.request': DownloadFile & { gate: string; runNo: number; manifestSha256: string; files: number };
  'signoff.sign': SignedSignoff;
  'signoff.import': { imported: number; results: ImportFileResult[] };
  'waiver.create': { gate: string; runNo: number; person: string; role: string; expires: string };
  'bundle.verify': BundleVerification;
  'ceremony.status': CeremonyStatus;
  'ceremony.run': CeremonyOutcome;
}

export interface ReleaseEvents {
  /** Sign-offs, waivers, identities or the ceremony changed: refresh status and sign-off views. */
  'release.updated': { what: 'signoff' | 'waiver' | 'identity' | 'ceremony'; gateId: string | null };
}
