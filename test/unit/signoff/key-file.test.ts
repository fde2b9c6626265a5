import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptKeyFile,
  decryptKeyFileWithOs,
  encryptKeyFile,
  encryptKeyFileWithOs,
  readKeyFileInfo,
  type SecretWrapper,
} from '../../../electron/core/signoff/key-file';
import { generateIdentity, publicKeyFromRaw } from '../../../electron/core/signoff/keys';

const alice = generateIdentity('alice');
const bob = generateIdentity('bob');
const aliceFile = encryptKeyFile(alice, 'correct horse');

/** Stands in for Electron's safeStorage: AES-GCM under a key only this "machine" has. */
function fakeSafeStorage(): SecretWrapper {
  const key = randomBytes(32);
  return {
    async encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    async decrypt(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
    },
  };
}

function edit(text: string, change: (obj: Record<string, any>) => void): string {
  const obj = JSON.parse(text);
  change(obj);
  return JSON.stringify(obj);
}

describe('passphrase key file', () => {
  it('round-trips to a key that signs for the same public key', () => {
    const back = decryptKeyFile(aliceFile, 'correct horse');
    expect(back.keyId).toBe(alice.keyId);
    expect(back.name).toBe('alice');
    expect(back.privateKeyPkcs8.equals(alice.privateKeyPkcs8)).toBe(true);
    const sig = sign(null, Buffer.from('x'), createPrivateKey({ key: back.privateKeyPkcs8, format: 'der', type: 'pkcs8' }));
    expect(verify(null, Buffer.from('x'), publicKeyFromRaw(alice.publicKeyRaw), sig)).toBe(true);
  });

  it('has the documented format', () => {
    const obj = JSON.parse(aliceFile);
    expect(obj).toMatchObject({
      type: 'release-cockpit-key',
      version: 1,
      name: 'alice',
      keyId: alice.keyId,
      publicKey: `ed25519:${Buffer.from(alice.publicKeyRaw).toString('base64')}`,
      kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 },
      cipher: { name: 'aes-256-gcm' },
    });
    expect(Buffer.from(obj.kdf.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(obj.cipher.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(obj.cipher.tag, 'base64')).toHaveLength(16);
    expect(readKeyFileInfo(aliceFile)).toMatchObject({ name: 'alice', keyId: alice.keyId, wrapping: 'passphrase' });
  });

  it('still opens files of the older, cheaper cost (N=2^15), and writes no cheaper one', () => {
    const old = encryptKeyFile(alice, 'correct horse', { N: 2 ** 15 });
    expect(JSON.parse(old).kdf.N).toBe(32768);
    expect(decryptKeyFile(old, 'correct horse').keyId).toBe(alice.keyId);
    expect(() => encryptKeyFile(alice, 'x', { N: 2 ** 14 })).toThrow(/at least 2\^15/);
  });

  it('never contains the private key in any encoding', () => {
    const jwk = createPrivateKey({ key: alice.privateKeyPkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
    const seed = Buffer.from(jwk.d as string, 'base64url');
    expect(seed).toHaveLength(32);
    const forms = [
      jwk.d as string,
      seed.toString('hex'),
      seed.toString('base64'),
      seed.toString('base64url'),
      seed.toString('base64').slice(0, 20),
      alice.privateKeyPkcs8.toString('base64'),
      alice.privateKeyPkcs8.toString('hex'),
      alice.privateKeyPkcs8.subarray(16).toString('base64'),
    ];
    for (const form of forms) {
      expect(aliceFile).not.toContain(form);
      expect(aliceFile.toLowerCase()).not.toContain(form.toLowerCase());
    }
    expect(Buffer.from(aliceFile).includes(seed)).toBe(false);
  });

  it('uses fresh salt and iv every time', () => {
    const again = JSON.parse(encryptKeyFile(alice, 'correct horse'));
    const first = JSON.parse(aliceFile);
    expect(again.kdf.salt).not.toBe(first.kdf.salt);
    expect(again.cipher.iv).not.toBe(first.cipher.iv);
  });

  it('says "wrong passphrase" for a wrong passphrase', () => {
    expect(() => decryptKeyFile(aliceFile, 'correct horsE')).toThrow(/wrong passphrase/);
  });

  it('rejects empty passphrases', () => {
    expect(() => encryptKeyFile(alice, '')).toThrow(/passphrase must not be empty/);
    expect(() => decryptKeyFile(aliceFile, '')).toThrow(/passphrase must not be empty/);
  });

  it('treats the same passphrase in different Unicode forms alike', () => {
    const file = encryptKeyFile(alice, 'caf\u00e9');
    expect(decryptKeyFile(file, 'cafe\u0301').keyId).toBe(alice.keyId);
  });

  it('detects a modified ciphertext or tag', () => {
    const ct = edit(aliceFile, (o) => {
      const b = Buffer.from(o.ciphertext, 'base64');
      b[5] ^= 1;
      o.ciphertext = b.toString('base64');
    });
    expect(() => decryptKeyFile(ct, 'correct horse')).toThrow(/wrong passphrase, or the key file was modified/);
    const tag = edit(aliceFile, (o) => (o.cipher.tag = Buffer.alloc(16).toString('base64')));
    expect(() => decryptKeyFile(tag, 'correct horse')).toThrow(/modified/);
  });

  it('binds the name and key id: header fields cannot be swapped', () => {
    const renamed = edit(aliceFile, (o) => (o.name = 'mallory'));
    expect(() => decryptKeyFile(renamed, 'correct horse')).toThrow(/modified/);
    const otherKey = edit(aliceFile, (o) => {
      const b = JSON.parse(encryptKeyFile(bob, 'x'));
      o.keyId = b.keyId;
      o.publicKey = b.publicKey;
    });
    expect(() => decryptKeyFile(otherKey, 'correct horse')).toThrow(/modified/);
    const idOnly = edit(aliceFile, (o) => (o.keyId = bob.keyId));
    expect(() => decryptKeyFile(idOnly, 'correct horse')).toThrow(/"keyId" does not match "publicKey"/);
  });

  it('rejects truncated, unknown or hostile files before any work', () => {
    expect(() => decryptKeyFile(aliceFile.slice(0, 50), 'correct horse')).toThrow(/not valid JSON/);
    expect(() => decryptKeyFile(edit(aliceFile, (o) => (o.type = 'x')), 'p')).toThrow(/"type"/);
    expect(() => decryptKeyFile(edit(aliceFile, (o) => (o.kdf.N = 2 ** 30)), 'p')).toThrow(/kdf\.N/);
    expect(() => decryptKeyFile(edit(aliceFile, (o) => (o.cipher.iv = '***')), 'p')).toThrow(/cipher\.iv/);
    expect(() => decryptKeyFile(edit(aliceFile, (o) => (o.extra = 1)), 'p')).toThrow(/unknown field/);
  });
});

describe('OS-wrapped key file', () => {
  it('round-trips through the injected wrapper and records "wrapping":"os"', async () => {
    const store = fakeSafeStorage();
    const file = await encryptKeyFileWithOs(alice, store);
    expect(JSON.parse(file).wrapping).toBe('os');
    expect(JSON.parse(file).kdf).toBeUndefined();
    expect(file).not.toContain(alice.privateKeyPkcs8.toString('base64'));
    expect((await decryptKeyFileWithOs(file, store)).keyId).toBe(alice.keyId);
    expect(readKeyFileInfo(file).wrapping).toBe('os');
  });

  it('fails clearly on another machine or with the other unlock method', async () => {
    const file = await encryptKeyFileWithOs(alice, fakeSafeStorage());
    await expect(decryptKeyFileWithOs(file, fakeSafeStorage())).rejects.toThrow(/could not unseal/);
    expect(() => decryptKeyFile(file, 'pw')).toThrow(/operating system/);
    await expect(decryptKeyFileWithOs(aliceFile, fakeSafeStorage())).rejects.toThrow(/passphrase/);
  });

  it('binds the header to the sealed key', async () => {
    const store = fakeSafeStorage();
    const renamed = edit(await encryptKeyFileWithOs(alice, store), (o) => (o.name = 'mallory'));
    await expect(decryptKeyFileWithOs(renamed, store)).rejects.toThrow(/different name or key id/);
  });
});
