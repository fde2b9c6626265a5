import { openServices } from '../../host/composition-root';
import { planKeyOf } from '../../core/runs/plan-runner';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import type { CliIO } from '../output';
import { requirePlan } from '../plan-arg';

export const logUsage = 'release-cockpit log PLAN --gate ID [--run N] [--attempt K] [--db FILE]';

function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text)) throw badInput(`log: ${flag} expects a positive whole number, got "${text}"`);
  return Number(text);
}

/** Writes the stored log bytes exactly; attempts of one run follow each other in order. */
export function logCommand(argv: string[], io: CliIO): number {
  const { values, positionals } = parseCommandArgs(
    'log',
    argv,
    { gate: { type: 'string' }, run: { type: 'string' }, attempt: { type: 'string' }, db: { type: 'string' } },
    { min: 1, max: 1, names: 'PLAN' },
  );
  if (!values.gate) throw badInput('log: --gate ID is required');
  const runNo = positiveInt('--run', values.run);
  const attemptNo = positiveInt('--attempt', values.attempt);
  const plan = requirePlan(positionals[0]);
  if (!plan.gates.some((g) => g.id === values.gate)) {
    throw badInput(`log: no gate "${values.gate}" in ${plan.file}`);
  }
  const services = openServices({ dbPath: values.db });
  try {
    const run = services.store.findRun(planKeyOf(plan), values.gate, runNo);
    if (!run) {
      throw badInput(runNo ? `log: gate "${values.gate}" has no run #${runNo}` : `log: gate "${values.gate}" has not run yet`);
    }
    const attempts = services.store.attempts(run.id).filter((a) => attemptNo === undefined || a.n === attemptNo);
    if (attemptNo !== undefined && attempts.length === 0) {
      throw badInput(`log: run #${run.runNo} of "${values.gate}" has no attempt ${attemptNo}`);
    }
    for (const a of attempts) {
      if (io.isTTY && attempts.length > 1) io.err(`── attempt ${a.n} ──\n`);
      io.raw(services.readLogFile(a.logPath));
    }
    return EXIT.ok;
  } finally {
    services.close();
  }
}
