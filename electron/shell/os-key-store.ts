/**
 * Seals new identities with the operating system's key store (Electron's
 * safeStorage: Keychain on macOS, DPAPI on Windows, libsecret or KWallet on
 * Linux), so a key created in the app needs no passphrase on this account
 * and machine, and is useless copied anywhere else.
 *
 * Where safeStorage would fall back to its built-in key (`basic_text` on a
 * Linux desktop without a secret service) the seal protects nothing, so the
 * app keeps asking for a passphrase instead (scrypt + AES-256-GCM, as the CLI).
 */
import { safeStorage } from 'electron';
import type { SecretWrapper } from '../core/signoff/key-file';

/** The OS sealer, or undefined where it would not really protect a key. Call after `app` is ready. */
export function osKeyWrapper(): SecretWrapper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    // safeStorage seals strings: base64 carries the key bytes through unchanged.
    encrypt: async (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: async (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
