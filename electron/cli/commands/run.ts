import { hostname, userInfo } from 'node:os';
import { releaseStatusOf } from '../../host/release/status';
import { resultSigner } from '../../host/release/sign-result';
import { openServices } from '../../host/composition-root';
import { identityArg } from '../key-arg';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import { liveReporter } from '../live-output';
import type { CliIO } from '../output';
import { requirePlan } from '../plan-arg';
import { statusJson } from '../status-json';
import { statusTable } from './status';

export const runUsage = 'release-cockpit run PLAN [--gate ID]... [--db FILE] [--key FILE] [--json]';

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
    { gate: { type: 'string', multiple: true }, db: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean' } },
    { min: 1, max: 1, names: 'PLAN' },
  );
  const plan = requirePlan(positionals[0]);
  const ids = new Set(plan.gates.map((g) => g.id));
  for (const id of values.gate ?? []) {
    if (!ids.has(id)) throw badInput(`run: no gate "${id}" in ${plan.file}; its gates are: ${[...ids].join(', ')}`);
  }
  // The operator's identity: decrypted before anything runs, so a wrong passphrase costs nothing.
  const identity = values.key !== undefined ? await identityArg('run', values.key) : null;
  if (identity && !plan.signers.some((s) => s.keyId === identity.keyId)) {
    io.err(`run: warning: ${identity.name}'s key ${identity.keyId} is not a signer in the plan; its signed results will not verify\n`);
  }
  const services = openServices({ dbPath: values.db });
  const signer = identity ? resultSigner(services, plan, identity) : null;
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
    // With a key, the operator is the plan's name for that key (the key file's own name otherwise).
    const signerName = identity && plan.signers.find((s) => s.keyId === identity.keyId)?.name;
    const operator = identity ? { operator: signerName ?? identity.name, operatorKeyId: identity.keyId } : { operator: operatorName() };
    const ran = await services.runner.runPlan(plan, { gates: values.gate, ...operator, cols, rows });
    const signErrors = (await signer?.settle()) ?? [];
    for (const e of signErrors) io.err(`run: ${e}\n`);
    const status = releaseStatusOf(services, plan);
    if (values.json) {
      const ranIds = ran.map((r) => ({ id: r.gateId, runId: r.runNo, status: r.status, reason: r.reason }));
      io.out(JSON.stringify({ ...statusJson(status), ran: ranIds }, null, 2) + '\n');
    } else {
      io.out('\n' + statusTable(status, io));
    }
    return ran.every((r) => r.status === 'passed') && signErrors.length === 0 ? EXIT.ok : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    sub?.dispose();
    signer?.dispose();
    services.close();
  }
}
