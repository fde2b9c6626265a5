import * as nodeCrypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  IN_TOTO_PAYLOAD_TYPE,
  addSignature,
  pae,
  parseEnvelope,
  signEnvelope,
  verifyEnvelope,
  type Envelope,
} from '../../../electron/core/signoff/dsse';
import { generateIdentity, type Identity } from '../../../electron/core/signoff/keys';

const alice = generateIdentity('alice');
const bob = generateIdentity('bob');
const mallory = generateIdentity('mallory');
const trusted = new Map([
  [alice.keyId, alice.publicKeyRaw],
  [bob.keyId, bob.publicKeyRaw],
]);
const payload = Buffer.from('{"hello":"wörld"}', 'utf8');

/**
 * An independent DSSE verifier: its own PAE (built as one latin1 string of
 * header bytes around the raw payload), its own key import (JWK, not SPKI) and
 * its own crypto.verify. It shares no code with dsse.ts or keys.ts.
 */
function independentVerify(env: Envelope, signer: Identity): boolean {
  const type = Buffer.from(env.payloadType, 'utf8');
  const body = Buffer.from(env.payload, 'base64');
  const header = `DSSEv1 ${type.byteLength} ${type.toString('latin1')} ${body.byteLength} `;
  const message = Buffer.concat([Buffer.from(header, 'latin1'), body]);
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(signer.publicKeyRaw).toString('base64url') };
  const key = nodeCrypto.createPublicKey({ key: jwk, format: 'jwk' });
  const keyid = nodeCrypto.createHash('sha256').update(signer.publicKeyRaw).digest('hex');
  const sig = env.signatures.find((s) => s.keyid === keyid);
  return sig !== undefined && nodeCrypto.verify(null, message, key, Buffer.from(sig.sig, 'base64'));
}

describe('PAE', () => {
  it('matches the DSSE known-answer vector', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString('latin1')).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
  });

  it('counts bytes, not characters', () => {
    const out = pae('tÿpe', Buffer.from('€', 'utf8'));
    expect(out.equals(Buffer.concat([Buffer.from('DSSEv1 5 '), Buffer.from('tÿpe'), Buffer.from(' 3 '), Buffer.from('€')]))).toBe(true);
  });

  it('handles an empty payload', () => {
    expect(pae('t', Buffer.alloc(0)).toString()).toBe('DSSEv1 1 t 0 ');
  });
});

describe('signEnvelope / verifyEnvelope', () => {
  const env = signEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, alice);

  it('produces the DSSE JSON shape', () => {
    expect(env.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    expect(Buffer.from(env.payload, 'base64').equals(payload)).toBe(true);
    expect(env.signatures).toHaveLength(1);
    expect(env.signatures[0].keyid).toBe(alice.keyId);
    expect(Buffer.from(env.signatures[0].sig, 'base64')).toHaveLength(64);
  });

  it('verifies with the trusted key and returns the payload', () => {
    const r = verifyEnvelope(env, trusted, { expectedPayloadType: IN_TOTO_PAYLOAD_TYPE });
    expect(r).toMatchObject({ ok: true, keyids: [alice.keyId], errors: [] });
    expect(r.payload?.equals(payload)).toBe(true);
  });

  it('is accepted by an independent PAE + Ed25519 verifier', () => {
    expect(independentVerify(env, alice)).toBe(true);
    const cosigned = addSignature(env, bob);
    expect(independentVerify(cosigned, alice)).toBe(true);
    expect(independentVerify(cosigned, bob)).toBe(true);
    expect(independentVerify(env, bob)).toBe(false);
    const tampered = { ...env, payload: Buffer.from('{"hello":"world"}').toString('base64') };
    expect(independentVerify(tampered, alice)).toBe(false);
  });

  it('verifies from JSON text as well', () => {
    expect(verifyEnvelope(JSON.stringify(env), trusted).ok).toBe(true);
  });

  it('accepts the URL-safe base64 DSSE also allows, but not garbage', () => {
    const url = {
      ...env,
      payload: Buffer.from(env.payload, 'base64').toString('base64url'),
      signatures: [{ keyid: alice.keyId, sig: Buffer.from(env.signatures[0].sig, 'base64').toString('base64url') }],
    };
    expect(verifyEnvelope(url, trusted).ok).toBe(true);
    expect(verifyEnvelope({ ...env, payload: `${env.payload.slice(0, 8)}.${env.payload.slice(8)}` }, trusted).errors).toEqual([
      'envelope "payload" is not valid base64',
    ]);
  });

  it('reports every co-signer once', () => {
    const both = addSignature(addSignature(env, bob), bob);
    const r = verifyEnvelope(both, trusted);
    expect(r.ok).toBe(true);
    expect(r.keyids).toEqual([alice.keyId, bob.keyId]);
  });

  it('rejects a tampered payload', () => {
    const r = verifyEnvelope({ ...env, payload: Buffer.from('{"hello":"w0rld"}').toString('base64') }, trusted);
    expect(r.ok).toBe(false);
    expect(r.keyids).toEqual([]);
    expect(r.errors).toEqual([`signature 1: signature by ${alice.keyId} does not verify (payload or signature altered)`]);
  });

  it('rejects a tampered signature', () => {
    const sig = Buffer.from(env.signatures[0].sig, 'base64');
    sig[10] ^= 0x40;
    const r = verifyEnvelope({ ...env, signatures: [{ keyid: alice.keyId, sig: sig.toString('base64') }] }, trusted);
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatch(/does not verify/);
  });

  it('rejects a signature re-labelled with another trusted key id', () => {
    const r = verifyEnvelope({ ...env, signatures: [{ ...env.signatures[0], keyid: bob.keyId }] }, trusted);
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatch(new RegExp(`signature by ${bob.keyId} does not verify`));
  });

  it('binds the payloadType: changing it breaks the signature', () => {
    const r = verifyEnvelope({ ...env, payloadType: 'application/json' }, trusted);
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatch(/does not verify/);
  });

  it('rejects an unexpected payloadType even when correctly signed', () => {
    const other = signEnvelope('application/json', payload, alice);
    expect(verifyEnvelope(other, trusted).ok).toBe(true);
    const r = verifyEnvelope(other, trusted, { expectedPayloadType: IN_TOTO_PAYLOAD_TYPE });
    expect(r.ok).toBe(false);
    expect(r.errors).toContain(`wrong payloadType "application/json", expected "${IN_TOTO_PAYLOAD_TYPE}"`);
  });

  it('names an untrusted signer', () => {
    const r = verifyEnvelope(signEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, mallory), trusted);
    expect(r.ok).toBe(false);
    expect(r.signatures).toEqual([expect.objectContaining({ keyid: mallory.keyId, status: 'unknown-key' })]);
    expect(r.errors[0]).toMatch(/not trusted \(unknown signer\)/);
  });

  it('never trusts a map entry whose key does not hash to its id', () => {
    const wrong = new Map([[alice.keyId, mallory.publicKeyRaw]]);
    const forged = signEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, mallory);
    forged.signatures[0].keyid = alice.keyId;
    expect(verifyEnvelope(forged, wrong).ok).toBe(false);
  });

  it('reports truncated JSON clearly', () => {
    const text = JSON.stringify(env);
    const r = verifyEnvelope(text.slice(0, text.length - 7), trusted);
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatch(/^envelope is not valid JSON \(truncated or garbled\?\)/);
    expect(parseEnvelope('{"payloadType":').ok).toBe(false);
  });

  it('validates the envelope shape strictly, without throwing', () => {
    const cases: [unknown, RegExp][] = [
      [null, /not a JSON object/],
      [42, /not a JSON object/],
      [[], /not a JSON object/],
      [{ ...env, payloadType: undefined }, /missing "payloadType"/],
      [{ ...env, payload: undefined }, /missing "payload"/],
      [{ ...env, payload: 'not base64!' }, /"payload" is not valid base64/],
      [{ ...env, signatures: undefined }, /missing "signatures"/],
      [{ ...env, signatures: [] }, /no signatures/],
      [{ ...env, signatures: [null] }, /signature 1 is not an object/],
      [{ ...env, signatures: [{ sig: env.signatures[0].sig }] }, /signature 1 is missing "keyid"/],
      [{ ...env, signatures: [{ keyid: alice.keyId, sig: '%%%' }] }, /signature 1: "sig" is not valid base64/],
      [{ ...env, signatures: [{ keyid: alice.keyId, sig: 'AAAA' }] }, /not a 64-byte/],
      [{ ...env, extra: 1 }, /unknown field\(s\): extra/],
    ];
    for (const [input, message] of cases) {
      const r = verifyEnvelope(input, trusted);
      expect(r.ok, String(message)).toBe(false);
      expect(r.errors.join('\n')).toMatch(message);
    }
  });
});
