/**
 * The ceremony and offline verification for the app: what blocks tagging for
 * the identity in use (every gate's blockers, the signer's ceremony role, the
 * git repo), holding the ceremony, the last tag from the audit trail, and
 * verifying a bundle against a key given from outside it.
 */
import type { Plan } from '../../core/plan/types';
import type { Blocker } from '../../core/release/view-types';
import { verifyBundle } from '../../core/release/verify-bundle';
import { planKeyOf } from '../../core/runs/plan-runner';
import { keyIdOf, parsePublicKey, type Identity } from '../../core/signoff/keys';
import type { BundleVerification, CeremonyDone, CeremonyOutcome, CeremonyStatus, KeyInfo } from '../../contract/release-contract';
import { CockpitError } from '../../core/errors';
import { withUnlocked } from '../identity/key-vault';
import { releaseCall, sentence } from './release-call';
import { ceremonyRoleProblem } from './bundle';
import { ceremonyBlockers, holdCeremony } from './ceremony';
import type { Adapters } from '../ports';
import type { ReleaseDeps } from './deps';

const said = (b: Blocker): Blocker => ({ ...b, message: sentence(b.message) });

export async function ceremonyStatus(s: ReleaseDeps, plan: Plan, me: KeyInfo | null): Promise<CeremonyStatus> {
  // The identity in use is who would sign the bundle (its role, and whether it operated a gate, are blockers).
  const found = await releaseCall(() => ceremonyBlockers(s, plan, me, new Date()));
  const blockers = found.filter((b) => b.rule !== 'no key');
  if (!me) {
    blockers.push({ gate: '*', rule: 'no key', message: 'no identity in use: create or choose one in Settings (a signer with a ceremony role signs the bundle)' });
  }
  const problem = me ? ceremonyRoleProblem(plan, me) : null;
  return {
    release: plan.release,
    candidate: plan.candidate,
    ready: blockers.length === 0,
    blockers: blockers.map(said),
    signer: me ? { name: me.signer?.name ?? me.name, keyId: me.keyId, problem: problem ? sentence(problem) : null } : null,
    ceremonyRoles: plan.ceremony.roles,
    tagged: lastTag(s, plan),
  };
}

export async function runCeremony(s: ReleaseDeps, plan: Plan, unlock: () => Promise<Identity>): Promise<CeremonyOutcome> {
  const now = new Date();
  let result;
  let by: { keyId: string; name: string } = { keyId: '', name: '' };
  try {
    result = await withUnlocked(unlock, (id) => {
      by = { keyId: id.keyId, name: id.name };
      return releaseCall(() => holdCeremony(s, plan, id, { now }));
    });
  } catch (err) {
    if (err instanceof CockpitError) throw err;
    throw new CockpitError('conflict', sentence(`the ceremony failed: ${(err as Error).message}`));
  }
  if (!result.ok) return { ok: false, blockers: result.blockers.map(said) };
  return {
    ok: true,
    tag: result.tag,
    commit: result.commit,
    manifestSha256: result.manifestSha256,
    bundle: result.bundle,
    by: plan.signers.find((x) => x.keyId === by.keyId)?.name ?? by.name,
    at: now.toISOString(),
  };
}

/** The plan's latest `tag.created` audit event. */
function lastTag(s: ReleaseDeps, plan: Plan): CeremonyDone | null {
  const events = s.store.audit.events(planKeyOf(plan));
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type !== 'tag.created') continue;
    const d = e.data as Record<string, unknown>;
    const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
    return { tag: text('tag'), commit: text('commit'), manifestSha256: text('manifestSha256'), bundle: text('bundle'), by: e.actor ?? '', at: String(e.ts) };
  }
  return null;
}

export async function verifyUpload(io: Adapters, input: { zip?: string; name?: string; path?: string; trust: string }): Promise<BundleVerification> {
  let trusted: Uint8Array;
  try {
    trusted = parsePublicKey(input.trust);
  } catch (err) {
    throw new CockpitError('invalid-input', `The trusted key: ${(err as Error).message}. Paste the release manager’s "ed25519:…" public key (release-cockpit keys public FILE).`);
  }
  let files: Map<string, Buffer>;
  let problems: { file: string; message: string }[];
  let source: string;
  if (input.zip !== undefined) {
    ({ files, problems } = io.zip.read(Buffer.from(input.zip, 'base64')));
    source = input.name ?? 'bundle.zip';
  } else {
    source = input.path!;
    try {
      ({ files, problems } = await io.bundles.read(source));
    } catch (err) {
      throw new CockpitError('not-found', `Cannot read ${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
  }
  const readProblems = problems.map((p) => ({ name: 'unsafe entry', ok: false, file: p.file, message: p.message }));
  const report = verifyBundle({ files, readProblems, trustedKey: trusted, now: new Date() });
  return { ok: report.ok, checks: report.checks, source, files: files.size, trustedKeyId: keyIdOf(trusted) };
}
