import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatPublicKey,
  generateIdentity,
  identityFromPkcs8,
  keyIdOf,
  parsePublicKey,
  privateKeyOf,
  publicKeyFromRaw,
  rawFromPublicKey,
} from '../../../electron/core/signoff/keys';

describe('Ed25519 identities', () => {
  it('names a key by the hex SHA-256 of its raw 32-byte public key', () => {
    const id = generateIdentity('alice');
    expect(id.publicKeyRaw).toHaveLength(32);
    const expected = createHash('sha256').update(Buffer.from(id.publicKeyRaw)).digest('hex');
    expect(id.keyId).toBe(expected);
    expect(keyIdOf(id.publicKeyRaw)).toBe(expected);
    expect(id.name).toBe('alice');
  });

  it('derives the same raw key node does in its JWK export', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const x = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    expect(Buffer.from(rawFromPublicKey(publicKey))).toEqual(x);
    expect(Buffer.from(rawFromPublicKey(privateKey))).toEqual(x);
    const back = publicKeyFromRaw(new Uint8Array(x));
    expect(back.export({ format: 'jwk' }).x).toBe(publicKey.export({ format: 'jwk' }).x);
  });

  it('rebuilds an identity from its PKCS#8 private key', () => {
    const id = generateIdentity('bob');
    const again = identityFromPkcs8('bob', id.privateKeyPkcs8);
    expect(again.keyId).toBe(id.keyId);
    expect(privateKeyOf(id).asymmetricKeyType).toBe('ed25519');
    const pubFromPriv = createPublicKey(privateKeyOf(id)).export({ format: 'jwk' }).x;
    expect(Buffer.from(pubFromPriv as string, 'base64url')).toEqual(Buffer.from(id.publicKeyRaw));
  });

  it('formats and parses ed25519:<base64>, tolerating surrounding whitespace', () => {
    const id = generateIdentity('carol');
    const text = formatPublicKey(id.publicKeyRaw);
    expect(text).toBe(`ed25519:${Buffer.from(id.publicKeyRaw).toString('base64')}`);
    expect(Buffer.from(parsePublicKey(`  ${text}\n`))).toEqual(Buffer.from(id.publicKeyRaw));
  });

  it('rejects malformed public keys with clear errors', () => {
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(() => parsePublicKey('')).toThrow(/empty/);
    expect(() => parsePublicKey(`ssh-ed25519:${b64}`)).toThrow(/must start with "ed25519:"/);
    expect(() => parsePublicKey('ed25519:not*base64!')).toThrow(/not valid base64/);
    expect(() => parsePublicKey(`ed25519:${Buffer.alloc(31).toString('base64')}`)).toThrow(/32 bytes, got 31/);
    expect(() => parsePublicKey(`ed25519:${b64.slice(0, -1)}`)).toThrow(/not valid base64/);
  });

  it('refuses keys of the wrong size and empty names', () => {
    expect(() => keyIdOf(new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => generateIdentity('  ')).toThrow(/name/);
  });
});
