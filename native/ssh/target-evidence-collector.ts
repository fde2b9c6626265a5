/** EvidenceCollector for local and remote gates: remote files are fetched over ssh, then stored as usual. */
import { rmSync } from 'node:fs';
import type { HostDef } from '../../electron/core/plan/types';
import type { EvidenceCollector } from '../../electron/core/runs/ports';
import type { EvidenceItem } from '../../electron/core/runs/types';
import { RemoteEvidence } from './remote-evidence';

export class TargetEvidenceCollector implements EvidenceCollector {
  constructor(
    private readonly local: EvidenceCollector,
    private readonly remote = new RemoteEvidence(),
  ) {}

  async collect(cwd: string, globs: string[], host?: HostDef): Promise<{ items: EvidenceItem[]; errors: string[] }> {
    if (!host) return this.local.collect(cwd, globs);
    const fetched = await this.remote.fetch(cwd, globs, host);
    try {
      const stored = fetched.files.length > 0 ? await this.local.collect(fetched.staging, fetched.files) : { items: [], errors: [] };
      return { items: stored.items, errors: [...fetched.errors, ...stored.errors] };
    } finally {
      rmSync(fetched.staging, { recursive: true, force: true });
    }
  }

  async snapshot(cwd: string, glob: string, destDir: string, host?: HostDef): Promise<{ files: string[]; errors: string[] }> {
    if (!host) return this.local.snapshot(cwd, glob, destDir);
    const fetched = await this.remote.fetch(cwd, [glob], host);
    try {
      if (fetched.files.length === 0) return { files: [], errors: fetched.errors };
      const snap = await this.local.snapshot(fetched.staging, glob, destDir);
      return { files: snap.files, errors: [...fetched.errors, ...snap.errors] };
    } finally {
      rmSync(fetched.staging, { recursive: true, force: true });
    }
  }
}
