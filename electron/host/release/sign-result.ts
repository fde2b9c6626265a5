/**
 * `run --key`: the operator signs each finished gate's result as an in-toto
 * test-result statement whose subject is the run's evidence manifest.
 */
import type { Plan } from '../../core/plan/types';
import { envelopeText, gateManifest, resultEnvelope } from '../../core/release/statements';
import type { Disposable } from '../../core/runs/ports';
import type { RunRecord } from '../../core/runs/types';
import { isFinal } from '../../core/runs/types';
import { sha256Hex } from '../../core/signoff/encoding';
import type { Identity } from '../../core/signoff/keys';
import type { Services } from '../ports';
import { inTransaction, recordAction } from './audit';
import { freezeRun } from './freeze-run';
import type { ReleaseDeps } from './deps';

export async function signRunResult(s: ReleaseDeps, plan: Plan, run: RunRecord, operator: Identity): Promise<void> {
  const gate = plan.gates.find((g) => g.id === run.gateId);
  if (!gate) throw new Error(`no gate "${run.gateId}" in ${plan.file}`);
  const files = await freezeRun(s, gate, run);
  const manifest = gateManifest(gate.id, run.runNo, plan.digest, files);
  const attempts = s.store.attempts(run.id);
  const binding = { gate: gate.id, runId: run.id, runNo: run.runNo, planDigest: plan.digest, manifestSha256: manifest.sha256 };
  const env = resultEnvelope(binding, { status: run.status, reason: run.reason, attempts }, operator);
  const text = envelopeText(env);
  inTransaction(s, () => {
    s.records.saveResult({
      runId: run.id,
      keyId: operator.keyId,
      planDigest: plan.digest,
      manifestSha256: manifest.sha256,
      envelope: text,
      signedAt: Date.now(),
    });
    recordAction(s, plan, {
      type: 'result.signed',
      actor: operator.name,
      runId: run.id,
      gateId: gate.id,
      data: { runNo: run.runNo, status: run.status, keyId: operator.keyId, evidenceManifest: manifest.sha256, envelopeSha256: sha256Hex(text) },
    });
  });
}

/**
 * Signs each run the runner finishes with `operator`'s key, as it finishes.
 * `settle()` waits for every signature started so far and reports failures.
 */
export function resultSigner(s: ReleaseDeps & Pick<Services, 'runner'>, plan: Plan, operator: Identity): Disposable & { settle(): Promise<string[]> } {
  const pending: Promise<string | null>[] = [];
  const sub = s.runner.on((e) => {
    if (e.type !== 'run') return;
    const run = e.run;
    if (!isFinal(run.status) || run.status === 'blocked' || run.operatorKeyId !== operator.keyId) return;
    pending.push(
      signRunResult(s, plan, run, operator).then(
        () => null,
        (err: unknown) => `could not sign the result of "${run.gateId}" run #${run.runNo}: ${(err as Error).message}`,
      ),
    );
  });
  return {
    dispose: () => sub.dispose(),
    settle: async () => (await Promise.all(pending)).filter((m): m is string => m !== null),
  };
}
