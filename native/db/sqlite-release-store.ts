/** ReleaseRecords on the cockpit database (tables of migration 2). */
import type { Database, Statement } from 'better-sqlite3';
import type { ReleaseRecords, SignatureKind, StoredResult, StoredSignature } from '../../electron/core/release/ports';
import type { ManifestFile } from '../../electron/core/signoff/evidence-manifest';

interface SignatureRow {
  id: number;
  run_id: number;
  kind: SignatureKind;
  key_id: string;
  person: string;
  role: string;
  decision: 'approve' | 'reject' | null;
  plan_digest: string;
  envelope: string;
  source: string;
  stored_at: number;
}

export class SqliteReleaseStore implements ReleaseRecords {
  private readonly q: Record<string, Statement>;
  private readonly freezeTx: (runId: number, files: ManifestFile[], at: number) => ManifestFile[];
  private readonly saveSignatureTx: (sig: Omit<StoredSignature, 'id'>) => void;

  constructor(readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      frozenAt: p('SELECT frozen_at FROM runs WHERE id = ?').pluck(),
      files: p('SELECT path, sha256, size FROM run_files WHERE run_id = ? ORDER BY path'),
      addFile: p('INSERT INTO run_files (run_id, path, sha256, size) VALUES (?, ?, ?, ?)'),
      markFrozen: p('UPDATE runs SET frozen_at = ? WHERE id = ?'),
      result: p('SELECT * FROM run_results WHERE run_id = ?'),
      saveResult: p(`INSERT INTO run_results (run_id, key_id, plan_digest, manifest_sha256, envelope, signed_at)
                     VALUES (@runId, @keyId, @planDigest, @manifestSha256, @envelope, @signedAt)
                     ON CONFLICT (run_id) DO UPDATE SET key_id = excluded.key_id, plan_digest = excluded.plan_digest,
                       manifest_sha256 = excluded.manifest_sha256, envelope = excluded.envelope, signed_at = excluded.signed_at`),
      signatures: p('SELECT * FROM signatures WHERE run_id = ? AND kind = ? ORDER BY id'),
      dropWaivers: p(`DELETE FROM signatures WHERE run_id = ? AND kind = 'waiver'`),
      dropSame: p('DELETE FROM signatures WHERE run_id = ? AND kind = ? AND key_id = ?'),
      addSignature: p(`INSERT INTO signatures (run_id, kind, key_id, person, role, decision, plan_digest, envelope, source, stored_at)
                       VALUES (@runId, @kind, @keyId, @person, @role, @decision, @planDigest, @envelope, @source, @storedAt)`),
    };
    const freeze = db.transaction((runId: number, files: ManifestFile[], at: number): ManifestFile[] => {
      const frozen = this.q.frozenAt.get(runId) as number | null | undefined;
      if (frozen === undefined) throw new Error(`run ${runId} not found`);
      if (frozen === null) {
        for (const f of files) this.q.addFile.run(runId, f.path, f.sha256, f.size);
        this.q.markFrozen.run(at, runId);
      }
      return this.q.files.all(runId) as ManifestFile[];
    });
    this.freezeTx = (runId, files, at) => freeze.immediate(runId, files, at);
    const save = db.transaction((sig: Omit<StoredSignature, 'id'>) => {
      if (sig.kind === 'waiver') this.q.dropWaivers.run(sig.runId);
      else this.q.dropSame.run(sig.runId, sig.kind, sig.keyId);
      this.q.addSignature.run(sig);
    });
    this.saveSignatureTx = (sig) => save.immediate(sig);
  }

  runFiles(runId: number): ManifestFile[] | null {
    const frozen = this.q.frozenAt.get(runId) as number | null | undefined;
    if (frozen === undefined || frozen === null) return null;
    return this.q.files.all(runId) as ManifestFile[];
  }

  freezeRunFiles(runId: number, files: ManifestFile[], at: number): ManifestFile[] {
    return this.freezeTx(runId, files, at);
  }

  result(runId: number): StoredResult | null {
    const r = this.q.result.get(runId) as
      | { run_id: number; key_id: string; plan_digest: string; manifest_sha256: string; envelope: string; signed_at: number }
      | undefined;
    if (!r) return null;
    return { runId: r.run_id, keyId: r.key_id, planDigest: r.plan_digest, manifestSha256: r.manifest_sha256, envelope: r.envelope, signedAt: r.signed_at };
  }

  saveResult(result: StoredResult): void {
    this.q.saveResult.run(result);
  }

  signatures(runId: number, kind: SignatureKind): StoredSignature[] {
    return (this.q.signatures.all(runId, kind) as SignatureRow[]).map((r) => ({
      id: r.id,
      runId: r.run_id,
      kind: r.kind,
      keyId: r.key_id,
      person: r.person,
      role: r.role,
      decision: r.decision,
      planDigest: r.plan_digest,
      envelope: r.envelope,
      source: r.source,
      storedAt: r.stored_at,
    }));
  }

  saveSignature(sig: Omit<StoredSignature, 'id'>): void {
    this.saveSignatureTx(sig);
  }
}
