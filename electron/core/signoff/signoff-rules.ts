/**
 * Decides a gate's sign-off status from signed envelopes alone, the same way
 * in the app, the CLI and offline bundle verification:
 * - every signature must verify against the plan's signers;
 * - the signer must hold the claimed role, and the gate must accept it;
 * - the statement must be bound to this gate, run, plan and evidence;
 * - the operator (any key of the same person) cannot sign off their own run;
 * - quorum counts distinct people, not keys; one valid rejection blocks;
 * - a person's later statement supersedes their earlier ones (signed time);
 * - a failed run counts as waived only with a valid, unexpired waiver.
 */
import type { Plan, SignoffRule } from '../plan/types';
import type { GateStatus } from '../runs/types';
import { parseRfc3339 } from './encoding';
import { SIGNOFF_PREDICATE, type SignoffPredicate } from './predicates';
import {
  isOperator,
  openSigned,
  operatorPerson,
  replayProblems,
  signerIndex,
  type SignoffProblem,
} from './signed-statement';
import { evaluateWaiver, type AcceptedWaiver } from './waiver-rules';
import type { GateSignoffStatus } from '../release/view-types';

export type { SignoffProblem } from './signed-statement';
export type { GateSignoffStatus } from '../release/view-types';

export interface PersonDecision {
  person: string;
  roles: string[];
  keyIds: string[];
}

export interface GateSignoffInput {
  plan: Pick<Plan, 'signers' | 'waivers' | 'digest' | 'release' | 'candidate'>;
  gate: { id: string; signoff?: SignoffRule };
  run: { id: number; runNo: number; status: GateStatus; operatorKeyId?: string };
  /** Hex SHA-256 of this run's evidence manifest. */
  manifestSha256: string;
  /** DSSE envelopes (objects or JSON text); anything malformed becomes a problem. */
  signoffs: readonly unknown[];
  /** Optional file names for `signoffs`, used to name problems. */
  signoffSources?: readonly string[];
  waiver?: unknown;
  waiverSource?: string;
  now: Date;
}

export interface GateSignoffResult {
  status: GateSignoffStatus;
  approvals: PersonDecision[];
  rejections: PersonDecision[];
  /** Approvals still needed (distinct people). */
  missing: number;
  problems: SignoffProblem[];
  /** Valid statements that do not count: the same person signed a later one for this run. */
  superseded: Superseded[];
  waiver?: AcceptedWaiver;
}

export interface Superseded {
  /** The superseded statement (its source). */
  signoff: string;
  person: string;
  /** The statement that counts instead. */
  by: string;
  message: string;
}

interface Decision {
  source: string;
  signer: { keyId: string; name: string; person: string };
  role: string;
  decision: 'approve' | 'reject';
  /** The statement's signed time, ms. */
  time: number;
}

/** How far ahead of this machine's clock a signed time may be (clocks drift). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Runs that a waiver may cover; the store may already call a waived run 'waived', but we re-check. */
const WAIVABLE: readonly GateStatus[] = ['failed', 'waived'];
const UNFINISHED: readonly GateStatus[] = ['not-run', 'running'];

export function evaluateGateSignoffs(input: GateSignoffInput): GateSignoffResult {
  const index = signerIndex(input.plan.signers);
  const current = {
    gate: input.gate.id,
    runId: input.run.id,
    runNo: input.run.runNo,
    planDigest: input.plan.digest,
    manifestSha256: input.manifestSha256,
  };
  const accepted = input.gate.signoff?.roles ?? [];
  const opKey = input.run.operatorKeyId;
  const opPerson = operatorPerson(index, opKey);
  const approvals = new Map<string, PersonDecision>();
  const rejections = new Map<string, PersonDecision>();
  const problems: SignoffProblem[] = [];

  const decisions: Decision[] = [];
  input.signoffs.forEach((env, i) => {
    const label = (keyId?: string) => input.signoffSources?.[i] ?? keyId ?? `signoff #${i + 1}`;
    const opened = openSigned<SignoffPredicate>(env, index, SIGNOFF_PREDICATE, label);
    problems.push(...opened.problems);
    if (!opened.opened) return;
    const { statement, signers } = opened.opened;
    const p = statement.predicate;
    const where = label(signers[0]?.keyId);
    const replay = replayProblems(statement, current, where, {
      release: [p.release, input.plan.release],
      candidate: [p.candidate, input.plan.candidate],
      evidenceManifest: p.evidenceManifest,
    });
    problems.push(...replay);
    if (replay.length) return;
    for (const s of signers) {
      const problem = signerProblem(s, p.role, accepted, input.gate.id, isOperator(s, opKey, opPerson));
      if (problem) {
        problems.push({ signoff: where, ...problem });
        continue;
      }
      const time = parseRfc3339(p.time)!.getTime();
      // A statement dated ahead would outlast every later decision of its signer: refused, not believed.
      if (time > input.now.getTime() + CLOCK_SKEW_MS) {
        problems.push({
          signoff: where,
          rule: 'signed in the future',
          message: `signed in the future: ${s.name}'s statement is dated ${p.time}, after now (${input.now.toISOString()}); the signer's clock is wrong`,
        });
        continue;
      }
      decisions.push({ source: where, signer: s, role: p.role, decision: p.decision, time });
    }
  });
  const { latest, superseded } = latestPerPerson(decisions);
  for (const d of latest) record(d.decision === 'approve' ? approvals : rejections, d.signer, d.role);

  const quorum = input.gate.signoff?.quorum ?? 0;
  const missing = Math.max(0, quorum - approvals.size);
  const result: GateSignoffResult = {
    status: 'pending',
    approvals: [...approvals.values()],
    rejections: [...rejections.values()],
    missing,
    problems,
    superseded,
  };
  const rejected = rejections.size > 0;
  const status = input.run.status;

  if (WAIVABLE.includes(status)) {
    if (input.waiver === undefined) return { ...result, status: 'failed' };
    const w = evaluateWaiver({
      waiver: input.waiver,
      source: input.waiverSource,
      index,
      waiverRoles: input.plan.waivers.roles,
      current,
      operatorKeyId: opKey,
      now: input.now,
    });
    problems.push(...w.problems);
    if (!w.accepted) return { ...result, status: 'failed' };
    return { ...result, waiver: w.accepted, status: rejected ? 'rejected' : 'waived' };
  }
  if (status !== 'passed' && !UNFINISHED.includes(status)) {
    if (input.waiver !== undefined) {
      problems.push({
        signoff: input.waiverSource ?? 'waiver',
        rule: 'waiver not applicable',
        message: `a waiver covers only a failed run; this run is ${status}`,
      });
    }
    return { ...result, status: 'failed' };
  }
  if (rejected) return { ...result, status: 'rejected' };
  if (status === 'passed' && missing === 0) return { ...result, status: 'approved' };
  return result;
}

function signerProblem(
  s: { name: string; roles: string[]; keyId: string },
  role: string,
  accepted: readonly string[],
  gateId: string,
  operator: boolean,
): { rule: string; message: string } | null {
  if (!s.roles.includes(role)) {
    return { rule: 'signer lacks role', message: `signer lacks role: ${s.name} does not hold "${role}" in the plan` };
  }
  if (!accepted.includes(role)) {
    const roles = accepted.length ? accepted.join(', ') : 'none; the gate takes no sign-offs';
    return { rule: 'signer lacks role', message: `signer lacks role: gate "${gateId}" accepts ${roles}, not "${role}"` };
  }
  if (operator) {
    return {
      rule: 'separation of duties',
      message: `operator cannot sign off own run: ${s.name} ran this gate (key ${s.keyId})`,
    };
  }
  return null;
}

/**
 * A person's decisions on one run supersede each other by their signed
 * time: their latest decision is theirs, so re-sending an older approval
 * cannot undo a later rejection. At the same instant a rejection wins. The
 * person's statements that agree with it (other keys, re-signs) stand with
 * it; those that disagree are superseded.
 */
function latestPerPerson(decisions: Decision[]): { latest: Decision[]; superseded: Superseded[] } {
  const best = new Map<string, Decision>();
  const later = (a: Decision, b: Decision) => a.time > b.time || (a.time === b.time && a.decision === 'reject' && b.decision === 'approve');
  for (const d of decisions) {
    const held = best.get(d.signer.person);
    if (!held || later(d, held)) best.set(d.signer.person, d);
  }
  const latest: Decision[] = [];
  const superseded: Superseded[] = [];
  for (const d of decisions) {
    const by = best.get(d.signer.person)!;
    if (d.decision === by.decision) {
      latest.push(d);
      continue;
    }
    superseded.push({
      signoff: d.source,
      person: d.signer.name,
      by: by.source,
      message: `superseded: ${d.signer.name} signed a later ${by.decision === 'reject' ? 'rejection' : 'approval'} ` +
        `(${new Date(by.time).toISOString()}); this ${d.decision === 'reject' ? 'rejection' : 'approval'} of ` +
        `${new Date(d.time).toISOString()} no longer counts`,
    });
  }
  return { latest, superseded };
}

function record(into: Map<string, PersonDecision>, signer: Decision['signer'], role: string): void {
  const entry = into.get(signer.person) ?? { person: signer.name, roles: [], keyIds: [] };
  if (!entry.roles.includes(role)) entry.roles.push(role);
  if (!entry.keyIds.includes(signer.keyId)) entry.keyIds.push(signer.keyId);
  into.set(signer.person, entry);
}
