/** RELEASE_CHECKLIST.md: the bundle's human-readable summary, with a sign-off table per gate. */
import type { Plan } from '../plan/types';
import type { GateRecords } from './release-inputs';
import type { ReleaseEvaluation } from './release-rules';
import { gateReleaseView } from './signoff-view';

export interface ChecklistInput {
  plan: Plan;
  records: GateRecords[];
  evaluation: ReleaseEvaluation;
  createdAt: Date;
  signedBy: { name: string; keyId: string };
  auditEvents: number;
  auditHead: string;
}

const cell = (s: string | number | null | undefined): string =>
  String(s ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|') || '—';

export function releaseChecklist(c: ChecklistInput): string {
  const { plan } = c;
  const out: string[] = [
    `# Release checklist: ${plan.release} ${plan.candidate}`,
    '',
    `- Plan digest: \`${plan.digest}\``,
    `- Bundle signed by: ${cell(c.signedBy.name)} (key \`${c.signedBy.keyId}\`) at ${c.createdAt.toISOString()}`,
    `- Ready for the ceremony: **${c.evaluation.ok ? 'yes' : 'no'}**`,
    `- Audit trail: ${c.auditEvents} events, head \`${c.auditHead}\``,
    '',
    '## Gates',
    '',
    '| Gate | Status | Run | Attempts | Operator | Sign-off |',
    '|---|---|---|---|---|---|',
  ];
  const views = c.records.map((r, i) => gateReleaseView(r, c.evaluation.gates[i]));
  c.records.forEach((r, i) => {
    const v = views[i];
    const run = r.run;
    const attempts = r.input.run ? (r.input.run.attempts.length > 0 ? 'yes' : 'none') : '—';
    const so = v.signoff ? `${v.signoff.status} (${v.signoff.approved}/${v.signoff.quorum})` : 'not required';
    out.push(`| ${cell(r.gate.id)} | ${v.status} | ${run ? `#${run.runNo}` : '—'} | ${attempts} | ${cell(run?.operator)} | ${so} |`);
  });
  for (const [i, r] of c.records.entries()) {
    const v = views[i];
    out.push('', `## ${r.gate.id}: ${cell(r.gate.title)}`, '');
    out.push(r.gate.signoff ? `Sign-off rule: roles ${r.gate.signoff.roles.join(', ')}; quorum ${r.gate.signoff.quorum} (distinct people).` : 'No sign-off required.');
    if (v.signoffs.length) {
      out.push('', '| Person | Role | Decision | Time | Key | Comment | Counts |', '|---|---|---|---|---|---|---|');
      for (const s of v.signoffs) {
        out.push(`| ${cell(s.person)} | ${cell(s.role)} | ${s.decision} | ${s.time} | \`${s.keyId.slice(0, 16)}…\` | ${cell(s.comment)} | ${s.valid ? 'yes' : `no: ${cell(s.problem)}`} |`);
      }
    }
    if (v.waiver) {
      out.push('', `Waiver by ${cell(v.waiver.person)} (${v.waiver.role}) until ${v.waiver.expires}: ${cell(v.waiver.reason)}${v.waiver.valid ? '' : ' (not valid)'}`);
    }
    if (v.blockers.length) out.push('', 'Blockers:', ...v.blockers.map((b) => `- ${cell(b)}`));
  }
  out.push('');
  return out.join('\n');
}
