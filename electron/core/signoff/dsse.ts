/**
 * DSSE envelopes (https://github.com/secure-systems-lab/dsse). The signature
 * covers PAE(payloadType, payload), never the JSON around it, so the type
 * cannot be swapped and the encoding of the envelope does not matter.
 */
import { sign, verify } from 'node:crypto';
import { decodeBase64Strict, isPlainObject, unknownKeys } from './encoding';
import { keyIdOf, privateKeyOf, publicKeyFromRaw, type Identity } from './keys';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface EnvelopeSignature {
  keyid: string;
  /** Base64 Ed25519 signature over PAE. */
  sig: string;
}

export interface Envelope {
  payloadType: string;
  /** Base64 of the payload bytes. */
  payload: string;
  signatures: EnvelopeSignature[];
}

export type SignatureStatus = 'valid' | 'invalid' | 'unknown-key' | 'malformed';

export interface VerifyResult {
  /** True when the envelope is well formed, has at least one signature, and every signature is valid and trusted. */
  ok: boolean;
  /** Distinct key ids whose signatures verified. */
  keyids: string[];
  errors: string[];
  /** Per signature, in envelope order. */
  signatures: { keyid: string; status: SignatureStatus; error?: string }[];
  /** Present when the envelope's shape was valid (even if a signature failed). */
  payloadType?: string;
  payload?: Buffer;
}

export interface VerifyOptions {
  /** When given, any other payloadType is an error. */
  expectedPayloadType?: string;
}

/** Pre-Authentication Encoding: `DSSEv1 SP len(type) SP type SP len(body) SP body`, lengths in bytes. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'ascii'),
    type,
    Buffer.from(` ${payload.length} `, 'ascii'),
    payload,
  ]);
}

export function signEnvelope(payloadType: string, payload: Buffer, identity: Identity): Envelope {
  return addSignature({ payloadType, payload: payload.toString('base64'), signatures: [] }, identity);
}

/** A copy of `env` with one more signature (co-signing the same payload). */
export function addSignature(env: Envelope, identity: Identity): Envelope {
  const payload = decodeBase64Strict(env.payload, true);
  if (!payload) throw new Error('envelope payload is not valid base64');
  const sig = sign(null, pae(env.payloadType, payload), privateKeyOf(identity));
  const keyid = keyIdOf(identity.publicKeyRaw);
  return { ...env, signatures: [...env.signatures, { keyid, sig: sig.toString('base64') }] };
}

/** Parses envelope JSON text, or returns errors; never throws. */
export function parseEnvelope(text: string): { ok: true; envelope: Envelope } | { ok: false; errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`envelope is not valid JSON (truncated or garbled?): ${(e as Error).message}`] };
  }
  const errors = shapeErrors(value);
  return errors.length ? { ok: false, errors } : { ok: true, envelope: value as Envelope };
}

/**
 * Verifies `env` (an object or its JSON text) against trusted keys, keyed by
 * key id. Collects every problem instead of stopping at the first; never throws.
 */
export function verifyEnvelope(
  env: unknown,
  trustedKeys: ReadonlyMap<string, Uint8Array>,
  options: VerifyOptions = {},
): VerifyResult {
  const result: VerifyResult = { ok: false, keyids: [], errors: [], signatures: [] };
  try {
    let value = env;
    if (typeof env === 'string' || Buffer.isBuffer(env)) {
      const parsed = parseEnvelope(env.toString());
      if (!parsed.ok) return { ...result, errors: parsed.errors };
      value = parsed.envelope;
    }
    const shape = shapeErrors(value);
    if (shape.length) return { ...result, errors: shape };
    const envelope = value as Envelope;
    const payload = decodeBase64Strict(envelope.payload, true) as Buffer;
    result.payloadType = envelope.payloadType;
    result.payload = payload;
    if (options.expectedPayloadType !== undefined && envelope.payloadType !== options.expectedPayloadType) {
      result.errors.push(
        `wrong payloadType "${envelope.payloadType}", expected "${options.expectedPayloadType}"`,
      );
    }
    const message = pae(envelope.payloadType, payload);
    envelope.signatures.forEach((s, i) => {
      const status = checkSignature(s, message, trustedKeys);
      if (status === 'valid') {
        result.signatures.push({ keyid: s.keyid, status });
        if (!result.keyids.includes(s.keyid)) result.keyids.push(s.keyid);
        return;
      }
      const error = `signature ${i + 1}: ${SIGNATURE_ERRORS[status](s.keyid)}`;
      result.signatures.push({ keyid: s.keyid, status, error });
      result.errors.push(error);
    });
    result.ok = result.errors.length === 0 && result.keyids.length > 0;
    return result;
  } catch (e) {
    return { ...result, ok: false, errors: [...result.errors, `could not verify envelope: ${(e as Error).message}`] };
  }
}

const SIGNATURE_ERRORS: Record<Exclude<SignatureStatus, 'valid'>, (keyid: string) => string> = {
  'unknown-key': (k) => `key ${k} is not trusted (unknown signer)`,
  malformed: () => 'sig is not a 64-byte base64 Ed25519 signature',
  invalid: (k) => `signature by ${k} does not verify (payload or signature altered)`,
};

function checkSignature(
  s: EnvelopeSignature,
  message: Buffer,
  trustedKeys: ReadonlyMap<string, Uint8Array>,
): SignatureStatus {
  const sig = decodeBase64Strict(s.sig, true);
  if (!sig || sig.length !== 64) return 'malformed';
  const raw = trustedKeys.get(s.keyid);
  // A trust entry whose key does not hash to its id is a caller bug; never trust it.
  if (!raw || raw.length !== 32 || keyIdOf(raw) !== s.keyid) return 'unknown-key';
  return verify(null, message, publicKeyFromRaw(raw), sig) ? 'valid' : 'invalid';
}

function shapeErrors(value: unknown): string[] {
  if (!isPlainObject(value)) return ['envelope is not a JSON object'];
  const errors: string[] = [];
  const extra = unknownKeys(value, ['payloadType', 'payload', 'signatures']);
  if (extra.length) errors.push(`envelope has unknown field(s): ${extra.join(', ')}`);
  if (typeof value.payloadType !== 'string' || value.payloadType === '') {
    errors.push('envelope is missing "payloadType"');
  }
  if (typeof value.payload !== 'string') errors.push('envelope is missing "payload"');
  else if (!decodeBase64Strict(value.payload, true)) errors.push('envelope "payload" is not valid base64');
  if (!Array.isArray(value.signatures)) {
    errors.push('envelope is missing "signatures"');
  } else if (value.signatures.length === 0) {
    errors.push('envelope has no signatures');
  } else {
    value.signatures.forEach((s: unknown, i: number) => {
      if (!isPlainObject(s)) {
        errors.push(`signature ${i + 1} is not an object`);
        return;
      }
      const extraSig = unknownKeys(s, ['keyid', 'sig']);
      if (extraSig.length) errors.push(`signature ${i + 1} has unknown field(s): ${extraSig.join(', ')}`);
      if (typeof s.keyid !== 'string' || s.keyid === '') errors.push(`signature ${i + 1} is missing "keyid"`);
      if (typeof s.sig !== 'string' || s.sig === '') errors.push(`signature ${i + 1} is missing "sig"`);
      else if (!decodeBase64Strict(s.sig, true)) errors.push(`signature ${i + 1}: "sig" is not valid base64`);
    });
  }
  return errors;
}
