/** What the release logic needs from the store beyond runs: frozen files, signed results, sign-offs, waivers. */

/** A file of a bundle or request: bytes, or a stored file with its known digest and size (a blob). */
export type FileSource = Buffer | { file: string; sha256: string; size: number };
import type { ManifestFile } from '../signoff/evidence-manifest';

export type SignatureKind = 'signoff' | 'waiver';

export interface StoredSignature {
  id: number;
  runId: number;
  kind: SignatureKind;
  keyId: string;
  person: string;
  role: string;
  decision: 'approve' | 'reject' | null;
  planDigest: string;
  /** The DSSE envelope's JSON text, exactly as received. */
  envelope: string;
  /** Where it came from (a file name, or `waive`). */
  source: string;
  storedAt: number;
}

export interface StoredResult {
  runId: number;
  keyId: string;
  planDigest: string;
  manifestSha256: string;
  envelope: string;
  signedAt: number;
}

export interface ReleaseRecords {
  /** The run's frozen evidence files (paths under `gates/<id>/`), or null when not frozen yet. */
  runFiles(runId: number): ManifestFile[] | null;
  /** Fixes the run's file list once; returns the list that is stored (the first writer's). */
  freezeRunFiles(runId: number, files: ManifestFile[], at: number): ManifestFile[];
  result(runId: number): StoredResult | null;
  saveResult(result: StoredResult): void;
  signatures(runId: number, kind: SignatureKind): StoredSignature[];
  /** Sign-offs replace the same key's earlier one for the run; a waiver replaces the run's earlier waiver. */
  saveSignature(sig: Omit<StoredSignature, 'id'>): void;
}
