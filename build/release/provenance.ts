/**
 * Signed provenance of a release: an in-toto Statement v1 with the SLSA
 * provenance v1 predicate, one subject per SHA256SUMS line, in a DSSE envelope
 * signed with the cockpit's own Ed25519 code (electron/core/signoff). Its
 * public key is written beside it as one line, `ed25519:<base64>`.
 */
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope, verifyEnvelope, type Envelope } from '../../electron/core/signoff/dsse';
import { parseStatement, statement, statementPayload, type Subject } from '../../electron/core/signoff/in-toto';
import { keyIdOf, parsePublicKey, type Identity } from '../../electron/core/signoff/keys';
import type { Checksum } from './checksums';

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';

export interface BuildFacts {
  /** Where the source is, e.g. `git+https://github.com/o/r` (or the checkout's path when it has no remote). */
  repository: string;
  commit: string;
  sourceDateEpoch: number;
  /** The lockfile's SHA-256: every dependency version and hash is fixed by it. */
  lockfileSha256: string;
  builderId: string;
  buildType: string;
  invocationId: string;
  startedOn: Date;
  finishedOn: Date;
  /** What was built and how, e.g. the targets and whether Electron was a placeholder. */
  externalParameters: Record<string, unknown>;
  internalParameters: Record<string, unknown>;
}

export function provenanceStatement(sums: Checksum[], facts: BuildFacts) {
  const subjects: Subject[] = sums.map((s) => ({ name: s.name, digest: { sha256: s.sha256 } }));
  return statement(subjects, SLSA_PROVENANCE_V1, {
    buildDefinition: {
      buildType: facts.buildType,
      externalParameters: {
        source: { uri: facts.repository, digest: { gitCommit: facts.commit } },
        sourceDateEpoch: facts.sourceDateEpoch,
        ...facts.externalParameters,
      },
      internalParameters: facts.internalParameters,
      resolvedDependencies: [
        { uri: `${facts.repository}@${facts.commit}`, digest: { gitCommit: facts.commit } },
        { uri: 'package-lock.json', digest: { sha256: facts.lockfileSha256 } },
      ],
    },
    runDetails: {
      builder: { id: facts.builderId },
      metadata: {
        invocationId: facts.invocationId,
        startedOn: facts.startedOn.toISOString(),
        finishedOn: facts.finishedOn.toISOString(),
      },
    },
  });
}

export function signProvenance(sums: Checksum[], facts: BuildFacts, key: Identity): Envelope {
  return signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementPayload(provenanceStatement(sums, facts)), key);
}

/**
 * Problems with a provenance envelope against SHA256SUMS and the release key;
 * empty when the signature is valid and its subjects are exactly the sums.
 */
export function provenanceProblems(envelopeText: string, sums: Checksum[], publicKeyText: string): string[] {
  let raw: Uint8Array;
  try {
    raw = parsePublicKey(publicKeyText);
  } catch (err) {
    return [`release key: ${(err as Error).message}`];
  }
  const verified = verifyEnvelope(envelopeText, new Map([[keyIdOf(raw), raw]]), { expectedPayloadType: IN_TOTO_PAYLOAD_TYPE });
  if (!verified.ok || !verified.payload) return verified.errors.length ? verified.errors : ['provenance is not signed by the release key'];
  const parsed = parseStatement(verified.payload.toString('utf8'), SLSA_PROVENANCE_V1);
  if (!parsed.ok) return parsed.errors.map((e) => `provenance statement: ${e}`);
  const problems: string[] = [];
  const signed = new Map(parsed.statement.subject.map((s) => [s.name, s.digest.sha256]));
  for (const s of sums) {
    const digest = signed.get(s.name);
    if (digest === undefined) problems.push(`${s.name} is in SHA256SUMS but not in the signed provenance`);
    else if (digest !== s.sha256) problems.push(`${s.name}: SHA256SUMS says ${s.sha256}, the signed provenance ${digest}`);
    signed.delete(s.name);
  }
  for (const name of signed.keys()) problems.push(`${name} is in the signed provenance but not in SHA256SUMS`);
  return problems;
}
