/**
 * The release ceremony: when nothing blocks the release, write the final
 * bundle, check it as `verify` would, and tag the candidate in the plan's
 * repo with the MANIFEST.json digest in the tag message. With any blocker,
 * nothing is written and nothing is tagged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plan } from '../../core/plan/types';
import { countingRun } from '../../core/release/release-inputs';
import type { Blocker } from '../../core/release/release-rules';
import { releaseState } from '../../core/release/release-status';
import { verifyBundle } from '../../core/release/verify-bundle';
import { isFinal } from '../../core/runs/types';
import type { Identity } from '../../core/signoff/keys';
import type { ReleaseDeps } from './deps';
import { recordAction } from './audit';
import { buildBundle, ceremonyRoleProblem } from './bundle';
import { freezeRun } from './freeze-run';

export type CeremonyResult =
  | { ok: false; blockers: Blocker[] }
  | { ok: true; bundle: string; manifestSha256: string; tag: string; commit: string };

export function defaultBundleDir(s: ReleaseDeps, plan: Plan): string {
  return path.join(path.dirname(s.layout.db), 'bundles', `${s.io.paths.safeSegment(plan.release)}-${s.io.paths.safeSegment(plan.candidate)}`);
}

/** Everything that keeps the release from being tagged now. */
export async function ceremonyBlockers(s: ReleaseDeps, plan: Plan, by: Pick<Identity, 'keyId' | 'name'> | null, now: Date): Promise<Blocker[]> {
  for (const gate of plan.gates) {
    const run = countingRun(plan, gate, s.store);
    if (run && isFinal(run.status)) await freezeRun(s, gate, run);
  }
  const blockers = [...releaseState(plan, s.store, s.records, now, by ?? undefined).evaluation.blockers];
  const add = (rule: string, message: string) => blockers.push({ gate: '*', rule, message });
  if (!by) add('no key', 'no release manager key: pass --key FILE (a signer with a ceremony role signs the bundle)');
  else {
    const roleProblem = ceremonyRoleProblem(plan, by);
    if (roleProblem) add('ceremony role', roleProblem);
  }
  const tag = s.io.git.tagProblem(plan.repo, plan.candidate);
  if (tag) add('git tag', tag);
  return blockers;
}

export async function holdCeremony(s: ReleaseDeps, plan: Plan, by: Identity | null, opts: { out?: string; now: Date }): Promise<CeremonyResult> {
  const blockers = await ceremonyBlockers(s, plan, by, opts.now);
  const out = path.resolve(opts.out ?? defaultBundleDir(s, plan));
  const outProblem = replaceableOutput(s, out);
  if (outProblem) blockers.push({ gate: '*', rule: 'output', message: outProblem });
  if (blockers.length > 0 || !by) {
    recordAction(s, plan, { type: 'ceremony.blocked', actor: by?.name ?? 'unknown', data: { blockers: blockers.map((b) => b.message) } }, opts.now.getTime());
    return { ok: false, blockers };
  }
  const built = await buildBundle(s, plan, by, opts.now);
  const check = verifyBundle({ files: new Map([...built.files].map(([p, src]) => [p, s.io.bundles.bytesOf(src)])), readProblems: [], trustedKey: by.publicKeyRaw, now: opts.now });
  if (!check.ok) {
    const failed = check.checks.filter((c) => !c.ok).map((c) => ({ gate: '*', rule: c.name, message: c.message, ...(c.file ? { file: c.file } : {}) }));
    return { ok: false, blockers: failed };
  }
  fs.rmSync(out, { recursive: true, force: true });
  s.io.bundles.write(out, built.files, opts.now);
  const message = [
    `Release ${plan.release} ${plan.candidate}`,
    '',
    'Tagged by Release Cockpit after every gate passed and was signed off.',
    `MANIFEST.json sha256: ${built.manifestSha256}`,
    `Plan sha256: ${plan.digest}`,
    `Signed by: ${by.name} (key ${by.keyId})`,
    '',
  ].join('\n');
  const commit = s.io.git.createTag(plan.repo, plan.candidate, message, { name: by.name, email: 'release-cockpit@localhost' });
  recordAction(s, plan, {
    type: 'tag.created', actor: by.name,
    data: { tag: plan.candidate, commit, manifestSha256: built.manifestSha256, bundle: out, keyId: by.keyId },
  });
  return { ok: true, bundle: out, manifestSha256: built.manifestSha256, tag: plan.candidate, commit };
}

const BUNDLE_TOP = new Set(['MANIFEST.json', 'MANIFEST.dsse.json', 'plan.yaml', 'gates', 'signoffs', 'waivers', 'audit.jsonl', 'RELEASE_CHECKLIST.md']);

/** An earlier, untagged ceremony's bundle directory may be replaced; anything else in the way is refused. */
function replaceableOutput(s: ReleaseDeps, out: string): string | null {
  try {
    const entries = fs.statSync(out).isDirectory() ? fs.readdirSync(out) : [];
    if (entries.includes('MANIFEST.json') && entries.every((e) => BUNDLE_TOP.has(e))) return null;
  } catch {
    // Missing: outputProblem says it is fine.
  }
  return s.io.bundles.outputProblem(out);
}
