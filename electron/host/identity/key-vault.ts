/**
 * Where the app keeps identities: key files in `<data dir>/keys/`, the
 * format `release-cockpit keys create` writes, so the app and the CLI see the
 * same keys. In browser mode (and by default) a new key is encrypted with a
 * passphrase (scrypt + AES-256-GCM). The Electron shell may inject an OS
 * sealer (safeStorage) instead; keys sealed either way can be unlocked.
 */
import { generateIdentity, type Identity } from '../../core/signoff/keys';
import type { SecretWrapper } from '../../core/signoff/key-file';
import type { Adapters } from '../ports';
import { CockpitError } from '../../core/errors';

export const MIN_PASSPHRASE = 8;

export interface VaultKey {
  keyId: string;
  name: string;
  publicKey: string;
  file: string;
  protection: 'passphrase' | 'os';
}

export interface KeyVault {
  readonly dir: string;
  /** How `create` protects a new key. */
  readonly protection: 'passphrase' | 'os';
  list(): VaultKey[];
  create(name: string, passphrase: string | undefined): Promise<VaultKey>;
  /** Decrypts a key for one signature; the passphrase is not kept. */
  unlock(keyId: string, passphrase: string | undefined): Promise<Identity>;
}

/** Unlocks a key for `fn` and zeroes its private bytes when `fn` is done, however it ends. */
export async function withUnlocked<T>(unlock: () => Identity | Promise<Identity>, fn: (identity: Identity) => Promise<T>): Promise<T> {
  const identity = await unlock();
  try {
    return await fn(identity);
  } finally {
    identity.privateKeyPkcs8.fill(0);
  }
}

/** Key files under `<dataDir>/keys`; with `os`, new keys are sealed by the OS key store. */
export function fileKeyVault(dataDir: string, keys: Adapters['keys'], os?: SecretWrapper): KeyVault {
  const find = (keyId: string): VaultKey => {
    const key = list().find((k) => k.keyId === keyId);
    if (!key) throw new CockpitError('not-found', `No key ${keyId.slice(0, 12)}… in ${keys.dir(dataDir)}.`);
    return key;
  };
  const list = (): VaultKey[] =>
    keys.list(dataDir).flatMap((k) => {
      if (!k.keyId || !k.name || !k.publicKey) return [];
      let protection: VaultKey['protection'] = 'passphrase';
      try {
        protection = keys.info(k.file).wrapping;
      } catch {
        return [];
      }
      return [{ keyId: k.keyId, name: k.name, publicKey: k.publicKey, file: k.file, protection }];
    });
  return {
    dir: keys.dir(dataDir),
    protection: os ? 'os' : 'passphrase',
    list,
    async create(name, passphrase) {
      const identity = generateIdentity(name);
      const file = keys.defaultPath(dataDir, identity.keyId);
      if (os) await keys.writeWithOs(identity, os, file);
      else {
        if (passphrase === undefined || [...passphrase].length < MIN_PASSPHRASE) {
          throw new CockpitError('invalid-input', `The passphrase must be at least ${MIN_PASSPHRASE} characters.`);
        }
        keys.write(identity, passphrase, file);
      }
      identity.privateKeyPkcs8.fill(0); // written sealed; the clear copy goes
      return find(identity.keyId);
    },
    async unlock(keyId, passphrase) {
      const key = find(keyId);
      try {
        if (key.protection === 'os') {
          if (!os) throw new Error('this key is sealed by the desktop app\u2019s OS key store; unlock it there');
          return await keys.loadWithOs(key.file, os);
        }
        if (!passphrase) throw new CockpitError('invalid-input', `Enter the passphrase of ${key.name}\u2019s key to unlock it.`);
        return keys.load(key.file, passphrase);
      } catch (err) {
        if (err instanceof CockpitError) throw err;
        const message = (err as Error).message.replace(`${key.file}: `, '');
        throw new CockpitError('invalid-input', `Could not unlock ${key.name}\u2019s key: ${message}.`);
      }
    },
  };
}
