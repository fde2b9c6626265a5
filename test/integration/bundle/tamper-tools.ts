/** What an attacker (or an accident) does to a bundle: edit, add, drop, re-sign, re-zip, forge. */
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { bundleManifestText, parseBundleManifest } from '../../../electron/core/release/bundle-manifest';
import { envelopeText, manifestEnvelope, signoffEnvelope, waiverEnvelope } from '../../../electron/core/release/statements';
import { sha256Hex } from '../../../electron/core/signoff/encoding';
import type { Identity } from '../../../electron/core/signoff/keys';

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function copyBundle(src: string, dest: string): string {
  cpSync(src, dest, { recursive: true });
  return dest;
}

export function editFile(dir: string, rel: string, edit: (b: Buffer) => Buffer | string): void {
  const p = join(dir, rel);
  writeFileSync(p, edit(readFileSync(p)));
}

export function flipByte(b: Buffer, at = 0): Buffer {
  const copy = Buffer.from(b);
  copy[at] ^= 0x01;
  return copy;
}

/** Rewrites MANIFEST.json over the files now present and signs it with `by` (the trusted key, or not). */
export function resign(dir: string, by: Identity, over: { auditHead?: string; planDigest?: string } = {}): void {
  const old = parseBundleManifest(readFileSync(join(dir, 'MANIFEST.json'), 'utf8'));
  if (!old.ok) throw new Error('resign: MANIFEST.json is unreadable');
  const files = listFiles(dir)
    .filter((p) => p !== 'MANIFEST.json' && p !== 'MANIFEST.dsse.json')
    .map((p) => {
      const bytes = readFileSync(join(dir, p));
      return { path: p, sha256: sha256Hex(bytes), size: bytes.length };
    });
  const m = old.manifest;
  const text = bundleManifestText({
    release: m.release, candidate: m.candidate, planDigest: over.planDigest ?? m.planDigest,
    auditHead: over.auditHead ?? m.auditHead, createdAt: m.createdAt, files,
  });
  writeFileSync(join(dir, 'MANIFEST.json'), text);
  const env = manifestEnvelope({ release: m.release, candidate: m.candidate, planDigest: over.planDigest ?? m.planDigest, files: files.length, sha256: sha256Hex(text), time: new Date() }, by);
  writeFileSync(join(dir, 'MANIFEST.dsse.json'), envelopeText(env));
}

/** The bundle directory as zip entries, plus `extra` raw entries (name -> [bytes, unix mode]). */
export function zipOf(dir: string, extra: [string, Buffer, number][] = []): Buffer {
  const entries: Zippable = {};
  for (const p of listFiles(dir)) entries[p] = [readFileSync(join(dir, p)), { os: 3, attrs: (0o100644 << 16) >>> 0 }];
  for (const [name, bytes, mode] of extra) entries[name] = [bytes, { os: 3, attrs: (mode << 16) >>> 0 }];
  return Buffer.from(zipSync(entries));
}

/** Renames every occurrence of `from` to `to` (same length) in a zip's headers: a duplicate-entry zip. */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('names must have the same length');
  const out = Buffer.from(zip);
  const a = Buffer.from(from);
  let i = out.indexOf(a);
  while (i >= 0) {
    Buffer.from(to).copy(out, i);
    i = out.indexOf(a, i + 1);
  }
  return out;
}

export interface RunFacts {
  gate: string;
  runId: number;
  runNo: number;
  planDigest: string;
  manifestSha256: string;
}

export function runFacts(bundleDir: string, gate: string): RunFacts {
  const names = readdirSync(join(bundleDir, 'gates', gate)).filter((n) => /^run-\d+\.json$/.test(n));
  const run = JSON.parse(readFileSync(join(bundleDir, 'gates', gate, names[0]), 'utf8'));
  return { gate, runId: run.runId, runNo: run.runNo, planDigest: run.planDigest, manifestSha256: run.evidenceManifest };
}

export function forgeSignoff(by: Identity, f: RunFacts, over: Partial<RunFacts> & { role: string; decision?: 'approve' | 'reject'; release?: string }): string {
  const b = { ...f, ...over, release: over.release ?? 'tamper', candidate: 'rc-1' };
  return envelopeText(signoffEnvelope(b, { decision: over.decision ?? 'approve', role: over.role, time: new Date() }, by));
}

export function forgeWaiver(by: Identity, f: RunFacts, role: string, expires: Date): string {
  return envelopeText(waiverEnvelope(f, { reason: 'known flaky', expires, role, time: new Date(expires.getTime() - 86_400_000) }, by));
}
