/** `signers:` — the plan's trust root: who may sign, with which key, in which roles. */
import { createHash } from 'node:crypto';
import { personKey, visibleName } from '../signoff/person';
import type { Signer, SourcePos } from './types';
import { type Ctx, MapReader, readNonEmptyStr, readSeq, type Slot } from './yaml-nodes';

const SIGNER_KEYS = ['name', 'key', 'roles'] as const;
const KEY_HINT = '"ed25519:<base64 of the raw 32-byte public key>"';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The raw public key, or a message saying what is wrong with it. */
export function decodeSignerKey(text: string): { ok: true; raw: Uint8Array } | { ok: false; message: string } {
  if (!text.startsWith('ed25519:')) {
    return { ok: false, message: `key must start with "ed25519:"; expected ${KEY_HINT}` };
  }
  const b64 = text.slice('ed25519:'.length).trim();
  if (b64 === '' || !BASE64.test(b64)) {
    return { ok: false, message: `key is not valid base64 after "ed25519:"; expected ${KEY_HINT}` };
  }
  const raw = new Uint8Array(Buffer.from(b64, 'base64'));
  if (raw.length !== 32) {
    return { ok: false, message: `key decodes to ${raw.length} bytes; expected exactly 32 (an Ed25519 public key)` };
  }
  return { ok: true, raw };
}

/** A key's id: hex SHA-256 of the raw public key. */
export function keyIdOf(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex');
}

function parseSigner(ctx: Ctx, item: Slot, index: number): Signer | undefined {
  const m = MapReader.of(ctx, item, `signer ${index + 1}`);
  if (!m) return undefined;
  m.checkKeys(SIGNER_KEYS);
  const nameSlot = m.required('name', 'the signer\'s name');
  const name = nameSlot && readNonEmptyStr(ctx, nameSlot);
  const where = name ? `signer "${name}"` : `signer ${index + 1}`;
  const keySlot = m.required('key', KEY_HINT);
  const keyText = keySlot && readNonEmptyStr(ctx, keySlot, KEY_HINT);
  let raw: Uint8Array | undefined;
  if (keySlot && keyText !== undefined) {
    const decoded = decodeSignerKey(keyText.trim());
    if (decoded.ok) raw = decoded.raw;
    else ctx.error(keySlot.pos, `${decoded.message} (in ${where})`);
  }
  const rolesSlot = m.required('roles', 'a non-empty list of roles, e.g. [qa]');
  const roles = rolesSlot && readSeq(ctx, rolesSlot, 'a list of roles')?.map((r) => readNonEmptyStr(ctx, r));
  if (rolesSlot && roles && roles.length === 0) ctx.error(rolesSlot.pos, `"roles" in ${where}: expected at least one role`);
  if (name === undefined || keyText === undefined || raw === undefined || !roles || roles.some((r) => r === undefined)) {
    return undefined;
  }
  return {
    name,
    key: keyText.trim(),
    publicKey: raw,
    keyId: keyIdOf(raw),
    roles: [...new Set(roles as string[])],
    pos: item.pos,
  };
}

export function parseSigners(ctx: Ctx, slot: Slot | undefined): Signer[] {
  if (!slot) return [];
  const items = readSeq(ctx, slot, 'a list of signers ({ name, key, roles })');
  if (!items) return [];
  const signers: Signer[] = [];
  const firstByKeyId = new Map<string, { name: string; pos: SourcePos }>();
  const firstByPerson = new Map<string, { name: string; pos: SourcePos }>();
  items.forEach((item, i) => {
    const signer = parseSigner(ctx, item, i);
    if (!signer) return;
    // One person may hold several keys under one name; a different name that looks the same is an impostor.
    const person = personKey(signer.name);
    const alike = firstByPerson.get(person);
    if (alike && alike.name.trim() !== signer.name.trim()) {
      ctx.error(
        signer.pos,
        `signer name "${visibleName(signer.name)}" looks the same as "${visibleName(alike.name)}" at line ${alike.pos.line} ` +
          '(they differ only in invisible characters, width, case or spacing); expected one spelling per person',
      );
      return;
    }
    if (!alike) firstByPerson.set(person, { name: signer.name, pos: signer.pos });
    const first = firstByKeyId.get(signer.keyId);
    if (first) {
      ctx.error(
        signer.pos,
        `duplicate signer key for "${signer.name}": the same key is already listed for "${first.name}" at line ${first.pos.line}; expected each key once`,
      );
      return;
    }
    firstByKeyId.set(signer.keyId, { name: signer.name, pos: signer.pos });
    signers.push(signer);
  });
  return signers;
}
