/** `request`: the zip an offline officer signs, for the gate's current, passed run. */
import type { Plan } from '../../core/plan/types';
import { PLAN_YAML, REQUEST_JSON, gateDir, runManifestName } from '../../core/release/layout';
import { countingRun } from '../../core/release/release-inputs';
import { requestText, type SignoffRequest } from '../../core/release/request';
import type { FileSource } from '../../core/release/ports';
import type { ReleaseDeps } from './deps';
import { recordAction } from './audit';
import { ruleError } from '../../core/errors';
import { gateFileSet } from './gate-files';

export async function buildRequest(
  s: ReleaseDeps,
  plan: Plan,
  gateId: string,
  actor: string,
  now: Date,
): Promise<{ files: Map<string, FileSource>; request: SignoffRequest }> {
  const gate = plan.gates.find((g) => g.id === gateId);
  if (!gate) throw ruleError('usage', `no gate "${gateId}" in ${plan.file}; its gates are: ${plan.gates.map((g) => g.id).join(', ')}`);
  if (!gate.signoff) throw ruleError('usage', `gate "${gate.id}" takes no sign-offs (it has no "signoff" rule in the plan)`);
  const run = countingRun(plan, gate, s.store);
  if (!run) throw ruleError('usage', `gate "${gate.id}" has not run yet`);
  if (run.status !== 'passed') {
    throw ruleError('usage', `gate "${gate.id}" run #${run.runNo} is ${run.status}; only a passed run can be signed off`);
  }
  const set = await gateFileSet(s, plan, gate, run);
  const request: SignoffRequest = {
    type: 'release-cockpit-signoff-request',
    version: 1,
    release: plan.release,
    candidate: plan.candidate,
    planDigest: plan.digest,
    gate: gate.id,
    runId: run.id,
    runNo: run.runNo,
    status: run.status,
    operator: { name: run.operator, keyId: run.operatorKeyId ?? null },
    evidenceManifest: set.manifest.sha256,
    createdAt: now.toISOString(),
  };
  const { type: _t, version: _v, ...fields } = request;
  const files = new Map<string, FileSource>(set.files);
  files.set(REQUEST_JSON, Buffer.from(requestText(fields), 'utf8'));
  files.set(PLAN_YAML, Buffer.from(plan.source, 'utf8'));
  files.set(gateDir(gate.id) + runManifestName(run.runNo), Buffer.from(`${set.manifest.json}\n`, 'utf8'));
  recordAction(s, plan, {
    type: 'signoff.requested', actor, runId: run.id, gateId: gate.id,
    data: { runNo: run.runNo, evidenceManifest: set.manifest.sha256 },
  }, now.getTime());
  return { files, request };
}
