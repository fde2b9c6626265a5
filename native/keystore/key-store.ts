/**
 * Identities on disk: key files (electron/core/signoff/key-file.ts format,
 * the private key always encrypted) in `<dataDir>/keys/<keyId>.key.json`, or
 * wherever `--out` says. Files are created owner-only and never overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  decryptKeyFile, decryptKeyFileWithOs, encryptKeyFile, encryptKeyFileWithOs, readKeyFileInfo, type KeyFileInfo, type ListedKey, type SecretWrapper,
} from '../../electron/core/signoff/key-file';
import type { Identity } from '../../electron/core/signoff/keys';

const MAX_KEY_FILE_BYTES = 64 * 1024;

export function keysDir(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

export function defaultKeyPath(dataDir: string, keyId: string): string {
  return path.join(keysDir(dataDir), `${keyId}.key.json`);
}

/** Encrypts and writes a new key file; refuses to replace an existing file. */
export function writeKeyFile(identity: Identity, passphrase: string, file: string): void {
  const text = encryptKeyFile(identity, passphrase);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
}

/** The app's variant: the private key sealed by the OS key store (Electron safeStorage, injected by the shell). */
export async function writeKeyFileWithOs(identity: Identity, wrapper: SecretWrapper, file: string): Promise<void> {
  const text = await encryptKeyFileWithOs(identity, wrapper);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
}

export async function loadIdentityWithOs(file: string, wrapper: SecretWrapper): Promise<Identity> {
  try {
    return await decryptKeyFileWithOs(readKeyText(file), wrapper);
  } catch (err) {
    const msg = (err as Error).message;
    throw new Error(msg.startsWith(file) ? msg : `${file}: ${msg}`);
  }
}

/** A key file's text; throws a plain message when it is missing or implausible. */
export function readKeyText(file: string): string {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new Error(`${file}: no such key file`);
  }
  if (!st.isFile()) throw new Error(`${file}: not a key file`);
  if (st.size > MAX_KEY_FILE_BYTES) throw new Error(`${file}: too large to be a key file`);
  return fs.readFileSync(file, 'utf8');
}

export function keyFileInfo(file: string): KeyFileInfo {
  try {
    return readKeyFileInfo(readKeyText(file));
  } catch (err) {
    const msg = (err as Error).message;
    throw new Error(msg.startsWith(file) ? msg : `${file}: ${msg}`);
  }
}

export function loadIdentity(file: string, passphrase: string): Identity {
  try {
    return decryptKeyFile(readKeyText(file), passphrase);
  } catch (err) {
    const msg = (err as Error).message;
    throw new Error(msg.startsWith(file) ? msg : `${file}: ${msg}`);
  }
}

/** The key files in `<dataDir>/keys`, sorted by name. */
export function listKeys(dataDir: string): ListedKey[] {
  const dir = keysDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  const out: ListedKey[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.key.json')).sort()) {
    const file = path.join(dir, name);
    try {
      const info = keyFileInfo(file);
      out.push({ file, name: info.name, keyId: info.keyId, publicKey: info.publicKey });
    } catch (err) {
      out.push({ file, error: (err as Error).message });
    }
  }
  return out.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
}
