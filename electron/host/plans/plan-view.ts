/** The plan as the renderer sees it: what to show, nothing it could misuse. */
import type { Plan } from '../../core/plan/types';
import type { PlanView } from '../../contract/contract';

export function toPlanView(plan: Plan): PlanView {
  return {
    file: plan.file,
    release: plan.release,
    candidate: plan.candidate,
    digest: plan.digest,
    gates: plan.gates.map((g) => ({
      id: g.id,
      title: g.title,
      needs: [...g.needs],
      target: g.on ?? 'local',
      repeat: g.repeat,
      timeoutMs: g.timeoutMs ?? null,
      kind: g.probe ? 'probe' : 'script',
      command: g.run ?? null,
      evidence: [...g.evidence],
      thresholds: g.thresholds.map((t) => ({ metric: t.key, expr: t.expr.source })),
      signoff: g.signoff ? { roles: [...g.signoff.roles], quorum: g.signoff.quorum } : null,
      durable: g.durable,
    })),
    signers: plan.signers.map((s) => ({ name: s.name, keyId: s.keyId, roles: [...s.roles] })),
  };
}

/** `file:line:col: message` per diagnostic, the form DESIGN.md and the renderer expect. */
export function formatPlanErrors(diagnostics: { file: string; line: number; col: number; message: string }[]): string {
  const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`);
  const n = diagnostics.length;
  return `${lines.join('\n')}\n${n} problem${n === 1 ? '' : 's'} in the plan`;
}
