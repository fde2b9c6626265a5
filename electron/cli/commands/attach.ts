/**
 * `release-cockpit attach PLAN [--gate ID]... [--db FILE] [--json]`: follows the
 * plan's durable runs that are still running (after a crash, a restart, or
 * from another terminal), backfills what was missed and waits until they end.
 * Ctrl-C detaches: the runs keep going on their targets.
 */
import { isFinal, type RunRecord } from '../../core/runs/types';
import { releaseStatusOf } from '../../host/release/status';
import { openServices } from '../../host/composition-root';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import { liveReporter } from '../live-output';
import type { CliIO } from '../output';
import { requirePlan } from '../plan-arg';
import { statusJson } from '../status-json';
import { statusTable } from './status';

export const attachUsage = 'release-cockpit attach PLAN [--gate ID]... [--db FILE] [--json]';

const POLL_MS = 1000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function attachCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'attach',
    argv,
    { gate: { type: 'string', multiple: true }, db: { type: 'string' }, json: { type: 'boolean' } },
    { min: 1, max: 1, names: 'PLAN' },
  );
  const plan = requirePlan(positionals[0]);
  const ids = new Set(plan.gates.map((g) => g.id));
  for (const id of values.gate ?? []) {
    if (!ids.has(id)) throw badInput(`attach: no gate "${id}" in ${plan.file}; its gates are: ${[...ids].join(', ')}`);
  }
  const services = openServices({ dbPath: values.db });
  const repeatOf = (id: string) => plan.gates.find((g) => g.id === id)?.repeat ?? 1;
  const sub = values.json ? null : services.runner.on(liveReporter(io, repeatOf));
  let detached: (() => void) | null = null;
  const stopped = new Promise<void>((r) => (detached = r));
  const onSignal = () => detached?.();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const found = services.reattach({ planFile: plan.file, gateIds: values.gate });
    for (const p of found.problems) io.err(`attach: ${p}\n`);
    for (const { run } of found.resumed) io.err(`attach: following run #${run.runNo} of "${run.gateId}"\n`);
    for (const run of found.elsewhere) {
      io.err(`attach: run #${run.runNo} of "${run.gateId}" is followed by another cockpit (pid ${run.ownerPid}); waiting for it\n`);
    }
    if (found.resumed.length + found.elsewhere.length === 0) {
      io.err(`attach: no durable run of ${plan.file} is running\n`);
      return found.problems.length > 0 ? EXIT.failed : EXIT.ok;
    }
    const waits = [
      ...found.resumed.map((r) => r.done),
      ...found.elsewhere.map((r) => waitElsewhere(services.store.getRun.bind(services.store), r, stopped)),
    ];
    const outcome = await Promise.race([Promise.all(waits).then((runs) => ({ runs })), stopped.then(() => null)]);
    if (!outcome) {
      io.err('\nattach: detached; the durable runs keep going. Run `release-cockpit attach` again to follow them.\n');
      // Whatever still holds the event loop (a metrics reader finishing) must not keep us up.
      setTimeout(() => process.exit(130), 3000).unref();
      return 130;
    }
    const status = releaseStatusOf(services, plan);
    const ended = outcome.runs.filter((r): r is RunRecord => r !== null);
    if (values.json) {
      io.out(JSON.stringify({ ...statusJson(status), attached: ended.map((r) => ({ id: r.gateId, runId: r.runNo, status: r.status, reason: r.reason })) }, null, 2) + '\n');
    } else {
      io.out('\n' + statusTable(status, io));
    }
    const ok = ended.length === waits.length && ended.every((r) => r.status === 'passed') && found.problems.length === 0;
    return ok ? EXIT.ok : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    sub?.dispose();
    services.close();
  }
}

/** A run another live cockpit follows: poll the shared store until it ends (or we stop). */
async function waitElsewhere(get: (id: number) => RunRecord | null, run: RunRecord, stopped: Promise<void>): Promise<RunRecord | null> {
  let done = false;
  void stopped.then(() => (done = true));
  while (!done) {
    const now = get(run.id);
    if (!now || isFinal(now.status)) return now;
    await sleep(POLL_MS);
  }
  return null;
}
