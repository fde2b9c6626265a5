/**
 * The private key file, encrypted at rest. Two wrappings:
 * - passphrase (CLI): scrypt (N=2^17, r=8, p=1: 128 MiB, about half a second)
 *   derives an AES-256-GCM key; files written with a lower N (2^15, before
 *   0.2) still open;
 *   the GCM associated data binds name, keyId and publicKey, so the readable
 *   header cannot be swapped onto another key's ciphertext.
 * - os (app): the bytes are sealed by an injected wrapper (Electron's
 *   safeStorage in the shell); the same binding is sealed inside.
 * The header stays readable so `keys list` / `keys public` need no secret.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { decodeBase64Strict, isPlainObject, isSha256Hex, unknownKeys } from './encoding';
import { formatPublicKey, identityFromPkcs8, keyIdOf, parsePublicKey, type Identity } from './keys';

export const KEY_FILE_TYPE = 'release-cockpit-key';

/** A key file as `keys list` shows it: its readable header, or why it could not be read. */
export interface ListedKey {
  file: string;
  name?: string;
  keyId?: string;
  publicKey?: string;
  error?: string;
}

/**
 * Seals bytes with a secret the OS keeps (Electron's safeStorage, adapted to
 * Buffers). Asynchronous: safeStorage lives in the app's main process, and the
 * host asks it across a process boundary.
 */
export interface SecretWrapper {
  encrypt(plain: Buffer): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<Buffer>;
}

/** What can be read from a key file without the secret. */
export interface KeyFileInfo {
  name: string;
  keyId: string;
  /** `ed25519:<base64>` */
  publicKey: string;
  publicKeyRaw: Uint8Array;
  wrapping: 'passphrase' | 'os';
}

/** scrypt's cost for new files (OWASP's minimum for scrypt is N=2^17 with r=8). */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const WRONG_PASSPHRASE = 'wrong passphrase, or the key file was modified';
const HEADER_KEYS = ['type', 'version', 'name', 'keyId', 'publicKey'];

/** `opts.N` lowers the cost only where speed matters more than the key (tests); never below 2^15. */
export function encryptKeyFile(identity: Identity, passphrase: string, opts: { N?: number } = {}): string {
  const N = opts.N ?? SCRYPT.N;
  if (!isPow2(N) || N < 2 ** 15) throw new Error('scrypt N must be a power of two of at least 2^15');
  const secret = passphraseBytes(passphrase);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = deriveKey(secret, salt, N, SCRYPT.r, SCRYPT.p);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(binding(identity));
  const ciphertext = Buffer.concat([cipher.update(identity.privateKeyPkcs8), cipher.final()]);
  key.fill(0);
  return serialise({
    ...header(identity),
    kdf: { name: 'scrypt', N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    ciphertext: ciphertext.toString('base64'),
  });
}

export function decryptKeyFile(text: string, passphrase: string): Identity {
  const { info, obj } = parseKeyFile(text);
  if (info.wrapping !== 'passphrase') {
    throw new Error("this key is sealed by the operating system's key store, not by a passphrase");
  }
  const secret = passphraseBytes(passphrase);
  const kdf = field(obj, 'kdf');
  const cipherDesc = field(obj, 'cipher');
  if (unknownKeys(kdf, ['name', 'N', 'r', 'p', 'salt']).length) throw bad('kdf has unknown fields');
  if (unknownKeys(cipherDesc, ['name', 'iv', 'tag']).length) throw bad('cipher has unknown fields');
  if (kdf.name !== 'scrypt') throw bad('kdf.name must be "scrypt"');
  const { N, r, p } = kdf;
  // Bounds keep a hostile file from making us allocate gigabytes.
  if (!isPow2(N) || (N as number) < 16384 || (N as number) > 1 << 20) throw bad('kdf.N must be a power of two from 16384 to 1048576');
  if (!isInt(r, 1, 32) || !isInt(p, 1, 16)) throw bad('kdf.r or kdf.p is out of range');
  if (128 * (N as number) * (r as number) > 256 * 1024 * 1024) throw bad('kdf parameters need too much memory');
  const salt = bytesField(kdf, 'salt', 'kdf.salt');
  if (salt.length < 16) throw bad('kdf.salt is shorter than 16 bytes');
  if (cipherDesc.name !== 'aes-256-gcm') throw bad('cipher.name must be "aes-256-gcm"');
  const iv = bytesField(cipherDesc, 'iv', 'cipher.iv');
  const tag = bytesField(cipherDesc, 'tag', 'cipher.tag');
  if (iv.length !== 12) throw bad('cipher.iv must be 12 bytes');
  if (tag.length !== 16) throw bad('cipher.tag must be 16 bytes');
  const ciphertext = bytesField(obj, 'ciphertext', 'ciphertext');

  const key = deriveKey(secret, salt, N as number, r as number, p as number);
  let pkcs8: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(binding(info));
    decipher.setAuthTag(tag);
    pkcs8 = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new Error(WRONG_PASSPHRASE);
  } finally {
    key.fill(0);
  }
  return checkedIdentity(info, pkcs8);
}

/** The `"wrapping":"os"` variant: `wrapper` seals the private key (plus the header binding). */
export async function encryptKeyFileWithOs(identity: Identity, wrapper: SecretWrapper): Promise<string> {
  const bind = binding(identity);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(bind.length);
  const plain = Buffer.concat([len, bind, identity.privateKeyPkcs8]);
  let sealed: Buffer;
  try {
    sealed = await wrapper.encrypt(plain);
  } finally {
    plain.fill(0);
  }
  return serialise({ ...header(identity), wrapping: 'os', ciphertext: Buffer.from(sealed).toString('base64') });
}

export async function decryptKeyFileWithOs(text: string, wrapper: SecretWrapper): Promise<Identity> {
  const { info, obj } = parseKeyFile(text);
  if (info.wrapping !== 'os') throw new Error('this key is protected by a passphrase, not by the OS key store');
  const sealed = bytesField(obj, 'ciphertext', 'ciphertext');
  let plain: Buffer;
  try {
    plain = Buffer.from(await wrapper.decrypt(sealed));
  } catch {
    throw new Error("the operating system's key store could not unseal this key (another user or machine?)");
  }
  const bindLen = plain.length >= 2 ? plain.readUInt16BE(0) : -1;
  const expected = binding(info);
  if (bindLen !== expected.length || !plain.subarray(2, 2 + bindLen).equals(expected)) {
    throw bad('the sealed key belongs to a different name or key id than the header says');
  }
  return checkedIdentity(info, Buffer.from(plain.subarray(2 + bindLen)));
}

/** Reads the public header of a key file (either wrapping) without any secret. */
export function readKeyFileInfo(text: string): KeyFileInfo {
  return parseKeyFile(text).info;
}

function parseKeyFile(text: string): { info: KeyFileInfo; obj: Record<string, unknown> } {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    throw bad('it is not valid JSON');
  }
  if (!isPlainObject(obj)) throw bad('it is not a JSON object');
  if (obj.type !== KEY_FILE_TYPE) throw bad(`"type" must be "${KEY_FILE_TYPE}"`);
  if (obj.version !== 1) throw bad(`unsupported version ${JSON.stringify(obj.version)}`);
  const wrapping = obj.wrapping === undefined ? 'passphrase' : obj.wrapping;
  if (wrapping !== 'passphrase' && wrapping !== 'os') throw bad('"wrapping" must be "os" when present');
  const allowed = wrapping === 'os' ? [...HEADER_KEYS, 'wrapping', 'ciphertext'] : [...HEADER_KEYS, 'kdf', 'cipher', 'ciphertext'];
  const extra = unknownKeys(obj, allowed);
  if (extra.length) throw bad(`unknown field(s) ${extra.join(', ')}`);
  if (typeof obj.name !== 'string' || obj.name.trim() === '') throw bad('"name" is missing');
  if (!isSha256Hex(obj.keyId)) throw bad('"keyId" must be 64 lower-case hex digits');
  if (typeof obj.publicKey !== 'string') throw bad('"publicKey" is missing');
  let raw: Uint8Array;
  try {
    raw = parsePublicKey(obj.publicKey);
  } catch (e) {
    throw bad((e as Error).message);
  }
  if (keyIdOf(raw) !== obj.keyId) throw bad('"keyId" does not match "publicKey"');
  return {
    info: { name: obj.name, keyId: obj.keyId, publicKey: formatPublicKey(raw), publicKeyRaw: raw, wrapping },
    obj,
  };
}

function checkedIdentity(info: KeyFileInfo, pkcs8: Buffer): Identity {
  let identity: Identity;
  try {
    identity = identityFromPkcs8(info.name, pkcs8);
  } catch {
    throw bad('the decrypted private key is not an Ed25519 key');
  }
  if (identity.keyId !== info.keyId) throw bad('the private key does not match "publicKey"');
  return identity;
}

function header(identity: Identity): Record<string, unknown> {
  return {
    type: KEY_FILE_TYPE,
    version: 1,
    name: identity.name,
    keyId: identity.keyId,
    publicKey: formatPublicKey(identity.publicKeyRaw),
  };
}

/** Associated data: which key this ciphertext claims to be. */
function binding(id: { name: string; keyId: string; publicKeyRaw: Uint8Array }): Buffer {
  const bound = { keyId: id.keyId, name: id.name, publicKey: formatPublicKey(id.publicKeyRaw) };
  return Buffer.from(`${KEY_FILE_TYPE}/v1\n${canonicalJson(bound)}`, 'utf8');
}

function deriveKey(secret: Buffer, salt: Buffer, N: number, r: number, p: number): Buffer {
  // Node's default maxmem (32 MiB) is exactly what N=32768,r=8 needs and is rejected.
  const maxmem = 128 * N * r + 128 * r * p + 16 * 1024 * 1024;
  const key = scryptSync(secret, salt, 32, { N, r, p, maxmem });
  secret.fill(0);
  return key;
}

function passphraseBytes(passphrase: string): Buffer {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new Error('passphrase must not be empty');
  // NFC: the same passphrase typed on different keyboards must give the same key.
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

function serialise(obj: Record<string, unknown>): string {
  return `${JSON.stringify(obj, null, 2)}\n`;
}

function field(obj: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = obj[name];
  if (!isPlainObject(value)) throw bad(`"${name}" is missing`);
  return value;
}

function bytesField(obj: Record<string, unknown>, name: string, label: string): Buffer {
  const bytes = decodeBase64Strict(obj[name]);
  if (!bytes || bytes.length === 0) throw bad(`${label} is not valid base64`);
  return bytes;
}

function isInt(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isPow2(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v > 1 && (v & (v - 1)) === 0;
}

function bad(detail: string): Error {
  return new Error(`invalid key file: ${detail}`);
}
