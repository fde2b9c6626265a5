/** The runner's EvidenceCollector port, on the file system and the blob store. */
import fsp from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { checkEvidencePattern, isInside } from '../../electron/core/runs/evidence-rules';
import type { EvidenceCollector } from '../../electron/core/runs/ports';
import { BlobStore } from './blob-store';
import { PRIVATE_DIR, PRIVATE_FILE } from './private-files';
import { collectEvidence } from './collect-evidence';
import { walkFiles } from './walk-files';

export class FsEvidenceCollector implements EvidenceCollector {
  private readonly blobs: BlobStore;

  constructor(blobsDir: string) {
    this.blobs = new BlobStore(blobsDir);
  }

  collect(cwd: string, globs: string[]) {
    return collectEvidence(cwd, globs, this.blobs);
  }

  /** Copies the files a glob matches (e.g. this attempt's JUnit reports) before the next attempt overwrites them. */
  async snapshot(cwd: string, glob: string, destDir: string) {
    const bad = checkEvidencePattern(glob);
    if (bad) return { files: [], errors: [bad] };
    const isMatch = picomatch(glob, { dot: false });
    const walk = await walkFiles(cwd, '', { skipDirs: new Set(['node_modules', '.git']), maxEntries: 100_000 });
    const realCwd = await fsp.realpath(cwd).catch(() => cwd);
    const files: string[] = [];
    const errors = [...walk.errors];
    for (const entry of walk.entries) {
      if (entry.kind === 'other' || !isMatch(entry.rel)) continue;
      const real = await fsp.realpath(entry.abs).catch(() => null);
      if (!real || !isInside(realCwd, real)) {
        errors.push(`${entry.rel} points outside the gate's working directory`);
        continue;
      }
      // A FIFO would block copyFile and a directory would throw: reports are regular files.
      if (!(await fsp.stat(real).then((st) => st.isFile(), () => false))) continue;
      const dest = path.join(destDir, entry.rel);
      await fsp.mkdir(path.dirname(dest), { recursive: true, mode: PRIVATE_DIR });
      await fsp.copyFile(real, dest);
      await fsp.chmod(dest, PRIVATE_FILE);
      files.push(dest);
    }
    if (files.length === 0 && errors.length === 0) errors.push(`no JUnit report matched ${glob}`);
    return { files: files.sort(), errors };
  }
}
