/**
 * Who signs in this cockpit: the identities in the key vault and the one in
 * use, remembered (by key id only) in `<data dir>/identity.json`. With one
 * key and no choice made, that key is the one in use.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../core/plan/types';
import type { Identity } from '../../core/signoff/keys';
import type { IdentityState, KeyInfo } from '../../contract/release-contract';
import { CockpitError } from '../../core/errors';
import type { KeyVault, VaultKey } from './key-vault';

export class IdentityService {
  private readonly file: string;

  constructor(
    readonly vault: KeyVault,
    dataDir: string,
  ) {
    this.file = join(dataDir, 'identity.json');
  }

  state(plan: Plan | null): IdentityState {
    const keys = this.vault.list().map((k) => keyInfo(k, plan));
    return { keysDir: this.vault.dir, protection: this.vault.protection, current: this.pick(keys), keys };
  }

  /** The identity in use (public part), or null. */
  current(plan: Plan | null): KeyInfo | null {
    return this.state(plan).current;
  }

  async create(name: string, passphrase: string | undefined, plan: Plan | null): Promise<IdentityState> {
    let key: VaultKey;
    try {
      key = await this.vault.create(name, passphrase);
    } catch (err) {
      if (err instanceof CockpitError) throw err;
      throw new CockpitError('internal', `Could not write the key file in ${this.vault.dir}: ${(err as Error).message}`);
    }
    this.remember(key.keyId);
    return this.state(plan);
  }

  select(keyId: string, plan: Plan | null): IdentityState {
    if (!this.vault.list().some((k) => k.keyId === keyId)) {
      throw new CockpitError('not-found', `No key ${keyId.slice(0, 12)}… in ${this.vault.dir}.`);
    }
    this.remember(keyId);
    return this.state(plan);
  }

  /** Decrypts the identity in use for one signature. */
  unlock(passphrase: string | undefined, plan: Plan | null): Promise<Identity> {
    const current = this.current(plan);
    if (!current) throw new CockpitError('conflict', 'No identity in use. Create one (or choose one) in Settings first.');
    return this.vault.unlock(current.keyId, passphrase);
  }

  private pick(keys: KeyInfo[]): KeyInfo | null {
    const chosen = this.chosen();
    return keys.find((k) => k.keyId === chosen) ?? (keys.length === 1 ? keys[0] : null);
  }

  private chosen(): string | null {
    try {
      const v = JSON.parse(readFileSync(this.file, 'utf8')) as { keyId?: unknown };
      return typeof v.keyId === 'string' ? v.keyId : null;
    } catch {
      return null;
    }
  }

  private remember(keyId: string): void {
    writeFileSync(this.file, `${JSON.stringify({ keyId })}\n`, { mode: 0o600 });
  }
}

function keyInfo(k: VaultKey, plan: Plan | null): KeyInfo {
  const signer = plan?.signers.find((s) => s.keyId === k.keyId);
  return { ...k, signer: signer ? { name: signer.name, roles: [...signer.roles] } : null };
}
