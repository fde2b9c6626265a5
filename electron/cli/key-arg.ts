/** `--key FILE` and `--trust KEY` arguments: read, decrypt or parse, with user-facing errors. */
import { adapters } from '../host/composition-root';
import fs from 'node:fs';
import { parsePublicKey, type Identity } from '../core/signoff/keys';
import { badInput } from './errors';
import { readPassphrase } from './passphrase';

/** Every private key this command decrypted: zeroed when the command ends (`forgetIdentities`, from main). */
const unlocked = new Set<Identity>();

export function forgetIdentities(): void {
  for (const id of unlocked) id.privateKeyPkcs8.fill(0);
  unlocked.clear();
}

export async function identityArg(command: string, file: string | undefined): Promise<Identity> {
  if (!file) throw badInput(`${command}: --key FILE is required (a key file from "keys create")`);
  let info;
  try {
    info = adapters.keys.info(file);
  } catch (err) {
    throw badInput(`${command}: ${(err as Error).message}`);
  }
  const passphrase = await readPassphrase(command, `Passphrase for ${info.name}'s key (${info.keyId.slice(0, 12)}…): `);
  try {
    const identity = adapters.keys.load(file, passphrase);
    unlocked.add(identity);
    return identity;
  } catch (err) {
    throw badInput(`${command}: ${(err as Error).message}`);
  }
}

/** `ed25519:<base64>`, a file holding that line, or a key file (its public half). */
export function trustArg(command: string, value: string | undefined): Uint8Array {
  if (!value) throw badInput(`${command}: --trust PUBKEY is required (the release manager's "ed25519:..." key, or a file holding it)`);
  if (value.trim().startsWith('ed25519:')) return parse(command, value, 'the --trust value');
  if (!fs.existsSync(value)) throw badInput(`${command}: --trust ${value}: not an "ed25519:..." key and no such file`);
  const text = fs.readFileSync(value, 'utf8');
  if (text.trimStart().startsWith('{')) {
    try {
      return adapters.keys.info(value).publicKeyRaw;
    } catch (err) {
      throw badInput(`${command}: --trust ${(err as Error).message}`);
    }
  }
  return parse(command, text, value);
}

function parse(command: string, text: string, where: string): Uint8Array {
  try {
    return parsePublicKey(text);
  } catch (err) {
    throw badInput(`${command}: ${where}: ${(err as Error).message}`);
  }
}
