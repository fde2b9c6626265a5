/** `waive`: the waiver for a failed gate, signed now, checked by the same rules as an imported one, and stored. */
import type { Plan } from '../../core/plan/types';
import { pickRole } from '../../core/release/pick-role';
import { countingRun } from '../../core/release/release-inputs';
import { envelopeText, gateManifest, waiverEnvelope } from '../../core/release/statements';
import type { Identity } from '../../core/signoff/keys';
import type { ReleaseDeps } from './deps';
import { freezeRun } from './freeze-run';
import { ruleError } from '../../core/errors';
import { checkSignatureFile, storeSignatures, type ImportProblem } from './import-signatures';

export interface WaiveRequest {
  gateId: string;
  reason: string;
  expires: Date;
  role?: string;
}

export async function waiveGate(s: ReleaseDeps, plan: Plan, req: WaiveRequest, by: Identity, now: Date): Promise<ImportProblem[]> {
  const gate = plan.gates.find((g) => g.id === req.gateId);
  if (!gate) throw ruleError('usage', `no gate "${req.gateId}" in ${plan.file}`);
  const run = countingRun(plan, gate, s.store);
  if (!run) throw ruleError('usage', `gate "${gate.id}" has not run; only a failed run can be waived`);
  if (run.status !== 'failed' && run.status !== 'waived') {
    throw ruleError('usage', `gate "${gate.id}" run #${run.runNo} is ${run.status}; only a failed run can be waived`);
  }
  if (req.expires.getTime() <= now.getTime()) throw ruleError('usage', `--expires ${req.expires.toISOString()} is not in the future`);
  const role = pickRole(plan, by.keyId, plan.waivers.roles, req.role, 'the plan\'s waiver rule');
  if (!role.ok) {
    if (role.usage) throw ruleError('usage', role.message);
    return [{ file: 'waiver', rule: role.message.split(':')[0], message: role.message }];
  }
  const files = await freezeRun(s, gate, run);
  const manifestSha256 = gateManifest(gate.id, run.runNo, plan.digest, files).sha256;
  const binding = { gate: gate.id, runId: run.id, runNo: run.runNo, planDigest: plan.digest, manifestSha256 };
  const env = waiverEnvelope(binding, { reason: req.reason, expires: req.expires, role: role.role, time: now }, by);
  const checked = await checkSignatureFile(s, plan, { name: `waiver by ${by.name}`, text: envelopeText(env) }, now);
  if (Array.isArray(checked)) return checked;
  const { ignored } = storeSignatures(s, plan, [checked], () => 'waive');
  return ignored.map((x) => ({ file: 'waiver', rule: 'superseded', message: x.reason }));
}
