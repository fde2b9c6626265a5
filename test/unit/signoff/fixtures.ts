/** Shared fixtures for the sign-off rule tests: a plan with signers, and helpers to sign statements. */
import type { Signer } from '../../../electron/core/plan/types';
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope, type Envelope } from '../../../electron/core/signoff/dsse';
import { evidenceManifest, manifestSubject } from '../../../electron/core/signoff/evidence-manifest';
import { statement, statementPayload } from '../../../electron/core/signoff/in-toto';
import { formatPublicKey, generateIdentity, type Identity } from '../../../electron/core/signoff/keys';
import {
  SIGNOFF_PREDICATE,
  WAIVER_PREDICATE,
  signoffPredicate,
  waiverPredicate,
  type SignoffPredicate,
  type WaiverPredicate,
} from '../../../electron/core/signoff/predicates';
import type { GateSignoffInput } from '../../../electron/core/signoff/signoff-rules';

export const people = {
  alice: generateIdentity('alice'),
  bob1: generateIdentity('bob'),
  bob2: generateIdentity('bob'),
  erin: generateIdentity('erin'),
  carol: generateIdentity('carol'),
  dave: generateIdentity('dave'),
  dave2: generateIdentity('dave'),
  mallory: generateIdentity('mallory'),
};

function signer(id: Identity, roles: string[]): Signer {
  return {
    name: id.name,
    key: formatPublicKey(id.publicKeyRaw),
    publicKey: id.publicKeyRaw,
    keyId: id.keyId,
    roles,
    pos: { line: 1, col: 1 },
  };
}

export const planDigest = 'ab'.repeat(32);
export const otherPlanDigest = 'cd'.repeat(32);
export const manifest = evidenceManifest({
  gate: 'perf',
  runNo: 3,
  planDigest,
  files: [{ path: 'report.xml', sha256: 'ef'.repeat(32), size: 10 }],
});
export const now = new Date('2025-06-01T12:00:00Z');

export const plan: GateSignoffInput['plan'] = {
  digest: planDigest,
  release: 'v2.0',
  candidate: 'rc1',
  signers: [
    signer(people.alice, ['qa']),
    signer(people.bob1, ['security']),
    signer(people.bob2, ['security']),
    signer(people.erin, ['qa']),
    signer(people.carol, ['release-manager']),
    signer(people.dave, ['qa']),
    signer(people.dave2, ['qa', 'release-manager']),
  ],
  waivers: { roles: ['release-manager'] },
};

export function baseInput(over: Partial<GateSignoffInput> = {}): GateSignoffInput {
  return {
    plan,
    gate: { id: 'perf', signoff: { roles: ['qa', 'security'], quorum: 2 } },
    run: { id: 7, runNo: 3, status: 'passed', operatorKeyId: people.dave.keyId },
    manifestSha256: manifest.sha256,
    signoffs: [],
    now,
    ...over,
  };
}

export function signoff(by: Identity, role: string, over: Partial<SignoffPredicate> = {}, subjectSha = manifest.sha256): Envelope {
  const predicate = {
    ...signoffPredicate({
      gate: 'perf',
      runId: 7,
      runNo: 3,
      planDigest,
      release: 'v2.0',
      candidate: 'rc1',
      decision: 'approve',
      role,
      comment: '',
      time: now,
      evidenceManifest: manifest.sha256,
    }),
    ...over,
  };
  const st = statement([manifestSubject('perf', 3, subjectSha)], SIGNOFF_PREDICATE, predicate);
  return signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementPayload(st), by);
}

export function waiver(by: Identity, role: string, expires: Date, over: Partial<WaiverPredicate> = {}): Envelope {
  const predicate = {
    ...waiverPredicate({ gate: 'perf', runId: 7, runNo: 3, planDigest, reason: 'known flaky load balancer', expires, role, time: now }),
    ...over,
  };
  const st = statement([manifestSubject('perf', 3, manifest.sha256)], WAIVER_PREDICATE, predicate);
  return signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementPayload(st), by);
}
