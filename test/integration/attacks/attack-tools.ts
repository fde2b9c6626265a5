/**
 * What a dishonest release manager can do to a bundle with nothing but their
 * own ceremony key: rewrite the readable run records (recomputing the
 * evidence manifest they name), drop or swap statements, rewrite the audit
 * trail with a fresh hash chain, and re-sign MANIFEST.json over the result.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEvidenceFile } from '../../../electron/core/release/layout';
import { gateManifest } from '../../../electron/core/release/statements';
import { appendEvent, parseJsonl, toJsonl, type AuditEvent } from '../../../electron/core/signoff/audit-chain';
import { sha256Hex } from '../../../electron/core/signoff/encoding';
import type { ManifestFile } from '../../../electron/core/signoff/evidence-manifest';
import { listFiles } from '../bundle/tamper-tools';

export interface RunJsonDoc {
  runNo: number;
  runId: number;
  status: string;
  result: string;
  reason: string | null;
  operator: { name: string | null; keyId: string | null };
  attempts: { n: number; status: string; exitCode: number | null }[];
  planDigest: string;
  evidenceManifest: string;
  [k: string]: unknown;
}

export function runJsonPath(dir: string, gate: string): string {
  const name = readdirSync(join(dir, 'gates', gate)).find((n) => /^run-\d+\.json$/.test(n));
  if (!name) throw new Error(`no run record for ${gate}`);
  return join(dir, 'gates', gate, name);
}

/** The gate's evidence files as its manifest lists them (paths under gates/<id>/). */
export function gateFiles(dir: string, gate: string, runNo: number): ManifestFile[] {
  const prefix = `gates/${gate}/`;
  return listFiles(dir)
    .filter((p) => p.startsWith(prefix) && isEvidenceFile(p.slice(prefix.length), runNo))
    .map((p) => {
      const bytes = readFileSync(join(dir, p));
      return { path: p.slice(prefix.length), sha256: sha256Hex(bytes), size: bytes.length };
    });
}

/** Edits run-<n>.json, then makes its evidenceManifest match the gate's files again, as an attacker would. */
export function rewriteRun(dir: string, gate: string, edit: (run: RunJsonDoc) => void = () => undefined): RunJsonDoc {
  const file = runJsonPath(dir, gate);
  const run = JSON.parse(readFileSync(file, 'utf8')) as RunJsonDoc;
  edit(run);
  run.evidenceManifest = gateManifest(gate, run.runNo, run.planDigest, gateFiles(dir, gate, run.runNo)).sha256;
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return run;
}

/** Keeps only the audit events `keep` accepts and chains them afresh; returns the new head (for the re-signed manifest). */
export function rewriteAudit(dir: string, keep: (e: AuditEvent) => boolean): string {
  const parsed = parseJsonl(readFileSync(join(dir, 'audit.jsonl'), 'utf8'));
  if (!parsed.ok) throw new Error('audit.jsonl is unreadable');
  let prev: AuditEvent | null = null;
  const out: AuditEvent[] = [];
  for (const e of parsed.events.filter(keep)) {
    prev = appendEvent(prev, { type: e.type, ts: e.ts, ...(e.actor !== undefined ? { actor: e.actor } : {}), data: e.data });
    out.push(prev);
  }
  writeFileSync(join(dir, 'audit.jsonl'), toJsonl(out));
  return out.at(-1)!.hash;
}

/** Whether an audit event is about a statement of `keyId` on gate `gate`. */
export const eventOf = (gate: string, type: string, keyId?: string) => (e: AuditEvent) =>
  e.data.gate === gate && e.type === type && (keyId === undefined || e.data.keyId === keyId);
