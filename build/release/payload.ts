/**
 * The app payload of this machine, built offline: electron-builder's `dir`
 * target for Linux against the PLACEHOLDER Electron (placeholder-electron.ts),
 * with the natives as `npm install` built them (there are no Electron headers
 * to rebuild against offline). The release workflow builds the real
 * installers with `npm run package` instead.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, Platform, type Configuration } from 'electron-builder';
import { makePlaceholderElectron } from './placeholder-electron';

const require = createRequire(import.meta.url);

export interface Payload {
  /** electron-builder's unpacked app (`linux-unpacked`). */
  appDir: string;
  /** `<appDir>/resources`: app.asar, app.asar.unpacked and the example plans and scripts. */
  resourcesDir: string;
  asar: string;
}

/** A fresh copy each time: electron-builder normalizes (mutates) the configuration it is given. */
export function builderConfig(root: string): Configuration {
  return structuredClone(require(join(root, 'build', 'electron-builder.config.cjs')) as Configuration);
}

export function electronVersionOf(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Builds the payload into `outDir` (which it replaces). `dist/` must be built. */
export async function buildPayload(root: string, outDir: string): Promise<Payload> {
  if (!existsSync(join(root, 'dist', 'shell', 'main.cjs'))) throw new Error('dist/ is not built: run `npm run build` first');
  const base = builderConfig(root);
  const placeholder = makePlaceholderElectron(mkdtempSync(join(tmpdir(), 'cockpit-placeholder-electron-')), electronVersionOf(root));
  rmSync(outDir, { recursive: true, force: true });
  try {
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir'),
      config: {
        ...base,
        directories: { ...base.directories, output: outDir },
        electronDist: placeholder,
        // A placeholder has no fuse sentinel, and there are no Electron headers offline to rebuild the natives.
        electronFuses: null,
        npmRebuild: false,
      },
    });
  } finally {
    rmSync(placeholder, { recursive: true, force: true });
  }
  const appDir = join(outDir, 'linux-unpacked');
  const resourcesDir = join(appDir, 'resources');
  const asar = join(resourcesDir, 'app.asar');
  if (!existsSync(asar)) throw new Error(`electron-builder wrote no ${asar}`);
  return { appDir, resourcesDir, asar };
}
