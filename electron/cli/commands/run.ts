import { hostname, userInfo } from 'node:os';
import { planStatus } from '../../core/runs/plan-status';
import { openServices } from '../../host/services';
import { parseCommandArgs } from '../args';
import { EXIT, InputError } from '../errors';
import { liveReporter } from '../live-output';
import type { CliIO } from '../output';
import { requirePlan } from '../plan-arg';
import { statusTable } from './status';

export const runUsage = 'release-cockpit run PLAN [--gate ID]... [--db FILE] [--json]';

function operatorName(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `unknown@${hostname()}`;
  }
}

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'run',
    argv,
    { gate: { type: 'string', multiple: true }, db: { type: 'string' }, json: { type: 'boolean' } },
    { min: 1, max: 1, names: 'PLAN' },
  );
  const plan = requirePlan(positionals[0]);
  const ids = new Set(plan.gates.map((g) => g.id));
  for (const id of values.gate ?? []) {
    if (!ids.has(id)) throw new InputError(`run: no gate "${id}" in ${plan.file}; its gates are: ${[...ids].join(', ')}`);
  }
  const services = openServices({ dbPath: values.db });
  const repeatOf = (id: string) => plan.gates.find((g) => g.id === id)?.repeat ?? 1;
  const sub = values.json ? null : services.runner.on(liveReporter(io, repeatOf));
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    io.err('\ncancelling: stopping the running gate (press Ctrl-C again to quit at once)\n');
    services.runner.cancelAll();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const cols = process.stdout.columns;
    const rows = process.stdout.rows;
    const ran = await services.runner.runPlan(plan, { gates: values.gate, operator: operatorName(), cols, rows });
    const status = planStatus(plan, services.store);
    if (values.json) {
      const ranIds = ran.map((r) => ({ id: r.gateId, runId: r.runNo, status: r.status, reason: r.reason }));
      io.out(JSON.stringify({ ...status, ran: ranIds }, null, 2) + '\n');
    } else {
      io.out('\n' + statusTable(status, io));
    }
    return ran.every((r) => r.status === 'passed') ? EXIT.ok : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    sub?.dispose();
    services.close();
  }
}
