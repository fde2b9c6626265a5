/**
 * A reproducible .tar.gz: electron-builder's own tar.gz stamps build-time
 * mtimes and ignores SOURCE_DATE_EPOCH, so the payload is packed with GNU tar
 * (names sorted, one mtime, owner 0, no group/other write) and gzip without a
 * name or time in its header (FIELD-NOTES, "Reproducibility").
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export function reproducibleTarGz(cwd: string, entries: string[], outFile: string, sourceDateEpoch: number): void {
  const version = spawnSync('tar', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0 || !/GNU tar/.test(version.stdout)) {
    throw new Error('reproducible archives need GNU tar (`tar --version` must say GNU tar; on macOS use gtar)');
  }
  const tar = spawnSync(
    'tar',
    [
      '--sort=name',
      '--format=gnu',
      `--mtime=@${sourceDateEpoch}`,
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '--mode=go-w',
      '-cf',
      '-',
      ...entries,
    ],
    { cwd, maxBuffer: 2 * 1024 * 1024 * 1024 },
  );
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr.toString().trim()}`);
  // zlib's gzip header has no file name and mtime 0; level 9 so the figure does not depend on a default.
  writeFileSync(outFile, gzipSync(tar.stdout, { level: 9 }));
}
