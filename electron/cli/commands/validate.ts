import { parseCommandArgs } from '../args';
import { EXIT } from '../errors';
import type { CliIO } from '../output';
import { paint } from '../output';
import { requirePlan } from '../plan-arg';

export const validateUsage = 'release-cockpit validate PLAN [--json]';

export function validateCommand(argv: string[], io: CliIO): number {
  const { values, positionals } = parseCommandArgs('validate', argv, { json: { type: 'boolean' } }, {
    min: 1,
    max: 1,
    names: 'PLAN (the plan file to check)',
  });
  const plan = requirePlan(positionals[0]);
  if (values.json) {
    io.out(JSON.stringify({ ok: true, file: plan.file, digest: plan.digest, gates: plan.gates.map((g) => g.id) }) + '\n');
  } else {
    const n = plan.gates.length;
    io.out(`${paint(io, 'green', 'ok')} ${plan.file}: ${plan.release} ${plan.candidate}, ${n} gate${n === 1 ? '' : 's'}\n`);
  }
  return EXIT.ok;
}
