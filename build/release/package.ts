/**
 * `npm run package`: the installers of this OS (build/electron-builder.config.cjs),
 * signed and notarized where the credentials are in the environment. It says
 * first which signing steps will run and which are skipped, and why.
 */
import { spawnSync } from 'node:child_process';
import { build } from 'electron-builder';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builderConfig } from './payload';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One line per signing step of this platform: what runs, or what is missing for it. */
export function signingPlan(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  const has = (...names: string[]) => names.every((n) => env[n]);
  const missing = (...names: string[]) => names.filter((n) => !env[n]).join(', ');
  if (platform === 'darwin') {
    return [
      has('CSC_LINK')
        ? 'codesign: Developer ID from CSC_LINK, hardened runtime and entitlements'
        : 'codesign: CSC_LINK not set; a Developer ID identity in the keychain is used if there is one, else the app is UNSIGNED',
      has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER')
        ? 'notarize: notarytool with the App Store Connect API key'
        : `notarize: SKIPPED (missing ${missing('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER')})`,
    ];
  }
  if (platform === 'win32') {
    const azure = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_SIGN_ENDPOINT', 'AZURE_SIGN_ACCOUNT', 'AZURE_SIGN_PROFILE', 'AZURE_SIGN_PUBLISHER'];
    return [
      has(...azure)
        ? 'sign: Azure Trusted Signing for the .exe, the installers and every .node'
        : `sign: SKIPPED, installers are UNSIGNED (missing ${missing(...azure)})`,
    ];
  }
  return ['sign: Linux packages are not code-signed; SHA256SUMS and the signed provenance (npm run release:evidence) cover them'];
}

/**
 * electron-builder rebuilds better-sqlite3 in node_modules for Electron's ABI, and then
 * Node (npm test, the CLI, serve) cannot load it. Rebuild it for Node when that happened.
 */
function restoreNodeNatives(): void {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: ROOT, encoding: 'utf8' });
  if (probe.status === 0) return;
  process.stdout.write('package: better-sqlite3 is now built for Electron; rebuilding it for Node (npm test and the CLI need it), about 90 s...\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const rebuilt = spawnSync(npm, ['rebuild', 'better-sqlite3'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (rebuilt.status !== 0) process.stderr.write('package: `npm rebuild better-sqlite3` failed; run it by hand before npm test\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.length) {
    process.stderr.write('usage: npm run package  (the targets of this OS are in build/electron-builder.config.cjs)\n');
    return 2;
  }
  for (const line of signingPlan(process.platform, process.env)) process.stdout.write(`package: ${line}\n`);
  try {
    const files = await build({ projectDir: ROOT, config: builderConfig(ROOT), publish: 'never' });
    process.stdout.write(`package: wrote ${files.length} files to out/package:\n${files.map((f) => `  ${f}\n`).join('')}`);
    return 0;
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed|getaddrinfo|download/i.test((err as Error).message);
    process.stderr.write(`package: ${first}\n`);
    if (offline) {
      process.stderr.write('package: electron-builder needs to download Electron and its packaging tools; on an offline machine `npm run release:evidence` builds the placeholder payload instead\n');
    }
    return 1;
  } finally {
    restoreNodeNatives();
  }
}

if (process.argv[1] && /package\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
