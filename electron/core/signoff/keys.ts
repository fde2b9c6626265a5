/**
 * Ed25519 identities. A key is named by the hex SHA-256 of its raw 32-byte
 * public key; plans and signatures carry the public key as `ed25519:<base64>`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeBase64Strict, sha256Hex } from './encoding';

export interface Identity {
  /** The person the key belongs to (a plan signer's `name`). */
  name: string;
  /** Raw 32-byte Ed25519 public key. */
  publicKeyRaw: Uint8Array;
  /** PKCS#8 DER of the private key. Never written anywhere unencrypted. */
  privateKeyPkcs8: Buffer;
  /** Hex SHA-256 of `publicKeyRaw`. */
  keyId: string;
}

const PUBLIC_PREFIX = 'ed25519:';
/** DER SubjectPublicKeyInfo header for Ed25519 (RFC 8410); the raw key follows it. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Hex SHA-256 of a raw 32-byte public key. */
export function keyIdOf(raw: Uint8Array): string {
  assertRawKey(raw);
  return sha256Hex(raw);
}

/** `ed25519:<standard base64 of the raw key>`, the form written in plans. */
export function formatPublicKey(raw: Uint8Array): string {
  assertRawKey(raw);
  return PUBLIC_PREFIX + Buffer.from(raw).toString('base64');
}

/** Parses `ed25519:<base64>` (surrounding whitespace allowed) into the raw 32-byte key. */
export function parsePublicKey(text: string): Uint8Array {
  if (typeof text !== 'string') throw new Error('public key must be text like "ed25519:<base64>"');
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('public key is empty');
  if (!trimmed.startsWith(PUBLIC_PREFIX)) {
    throw new Error('public key must start with "ed25519:" (only Ed25519 keys are supported)');
  }
  const bytes = decodeBase64Strict(trimmed.slice(PUBLIC_PREFIX.length));
  if (!bytes) throw new Error('public key is not valid base64 after "ed25519:"');
  if (bytes.length !== 32) {
    throw new Error(`public key must be 32 bytes, got ${bytes.length}`);
  }
  return new Uint8Array(bytes);
}

/** The KeyObject for a raw public key (for crypto.verify). */
export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  assertRawKey(raw);
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The raw 32 bytes of an Ed25519 public (or private) KeyObject. */
export function rawFromPublicKey(key: KeyObject): Uint8Array {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  if (pub.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  const der = pub.export({ format: 'der', type: 'spki' });
  if (der.length !== 44 || !der.subarray(0, 12).equals(SPKI_ED25519_PREFIX)) {
    throw new Error('unexpected Ed25519 public key encoding');
  }
  return new Uint8Array(der.subarray(12));
}

/** The private KeyObject of an identity (for crypto.sign). */
export function privateKeyOf(identity: Pick<Identity, 'privateKeyPkcs8'>): KeyObject {
  const key = createPrivateKey({ key: identity.privateKeyPkcs8, format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
  return key;
}

/** Rebuilds an identity from its PKCS#8 private key, deriving the public half. */
export function identityFromPkcs8(name: string, privateKeyPkcs8: Buffer): Identity {
  assertName(name);
  const raw = rawFromPublicKey(privateKeyOf({ privateKeyPkcs8 }));
  return { name, publicKeyRaw: raw, privateKeyPkcs8, keyId: keyIdOf(raw) };
}

/** A fresh Ed25519 identity for `name`. */
export function generateIdentity(name: string): Identity {
  assertName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  return identityFromPkcs8(name, pkcs8);
}

function assertName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') throw new Error('key name must not be empty');
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new Error('key name must not contain control characters');
}

function assertRawKey(raw: Uint8Array): void {
  if (!(raw instanceof Uint8Array) || raw.length !== 32) {
    throw new Error('an Ed25519 public key is exactly 32 bytes');
  }
}
