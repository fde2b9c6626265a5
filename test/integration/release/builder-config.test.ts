import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
// electron-builder's own validator (the one `electron-builder` runs before it builds), offline.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: object, debugLogger: object): Promise<void>;
};
const logger = { add: () => undefined, isEnabled: false };
const config = require(join(root, 'build', 'electron-builder.config.cjs')) as Record<string, any>;

describe('build/electron-builder.config.cjs', () => {
  it("passes electron-builder's validator, and the validator does refuse a bad key", async () => {
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, mac: { ...config.mac, notarise: true } }, logger)).rejects.toThrow(/configuration.mac/);
  });

  it('sets the fuses DESIGN.md asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds the installers of each OS: dmg+zip (both archs), nsis+msi, AppImage+deb+tar.gz', () => {
    const targets = (os: string) => (config[os].target as { target: string; arch: string[] }[]).map((t) => `${t.target}:${t.arch.join('+')}`);
    expect(targets('mac')).toEqual(['dmg:arm64+x64', 'zip:arm64+x64']);
    expect(targets('win')).toEqual(['nsis:x64+arm64', 'msi:x64']);
    expect(targets('linux')).toEqual(['AppImage:x64', 'deb:x64', 'tar.gz:x64']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.signExts).toContain('.node');
  });

  it('signs on Windows with Azure Trusted Signing and notarizes on macOS only when the environment has the credentials', () => {
    const fresh = (env: Record<string, string>) => {
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        const path = require.resolve(join(root, 'build', 'electron-builder.config.cjs'));
        delete require.cache[path];
        return require(path) as Record<string, any>;
      } finally {
        for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
      }
    };
    const withCreds = fresh({
      AZURE_SIGN_ENDPOINT: 'https://eus.codesigning.azure.net',
      AZURE_SIGN_ACCOUNT: 'acct',
      AZURE_SIGN_PROFILE: 'prof',
      AZURE_SIGN_PUBLISHER: 'CN=Release Cockpit',
      APPLE_API_KEY: '/k.p8',
      APPLE_API_KEY_ID: 'id',
      APPLE_API_ISSUER: 'iss',
    });
    expect(withCreds.win.azureSignOptions).toMatchObject({ codeSigningAccountName: 'acct', certificateProfileName: 'prof' });
    expect(withCreds.mac.notarize).toBe(true);
    const without = fresh({});
    expect(without.win.azureSignOptions).toBeUndefined();
    expect(without.mac.notarize).toBe(false);
  });
});
