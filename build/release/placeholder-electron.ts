/**
 * A PLACEHOLDER for Electron's binary, so electron-builder can assemble the
 * app offline (FIELD-NOTES, "Packaging"): it needs a directory holding a file
 * named `electron`. Such a build proves the file selection, the asar and the
 * unpacked layout, the config and reproducibility. It proves nothing about the
 * executable, fuses, signing or launching, and it is never published: every
 * artifact built on it carries PLACEHOLDER_TAG in its name.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PLACEHOLDER_TAG = 'PLACEHOLDER-ELECTRON';

const NOTICE = `This is not Electron. It is a placeholder that lets electron-builder assemble
Release Cockpit's app payload on a machine that cannot download Electron.
Nothing built on it runs, and nothing built on it is ever published.
`;

/** Writes the placeholder into `dir` and returns `dir`. */
export function makePlaceholderElectron(dir: string, electronVersion: string): string {
  mkdirSync(dir, { recursive: true });
  const exe = join(dir, 'electron');
  writeFileSync(exe, `#!/bin/sh\necho "${PLACEHOLDER_TAG}: not a real Electron binary; nothing built on it runs" >&2\nexit 1\n`);
  chmodSync(exe, 0o755);
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
  writeFileSync(join(dir, `${PLACEHOLDER_TAG}.txt`), NOTICE);
  return dir;
}
