import { formatDuration } from '../../core/runs/describe-outcome';
import type { GateView, PlanStatus } from '../../core/runs/plan-status';
import type { GateStatus } from '../../core/runs/types';
import { releaseStatusOf } from '../../host/release/status';
import { openServices } from '../../host/composition-root';
import { parseCommandArgs } from '../args';
import { EXIT } from '../errors';
import { paint, type CliIO, type Color } from '../output';
import { requirePlan } from '../plan-arg';
import { statusJson } from '../status-json';
import { renderTable } from '../table';

export const statusUsage = 'release-cockpit status PLAN [--db FILE] [--json]';

const STATUS_COLOR: Record<GateStatus, Color> = {
  'not-run': 'gray',
  running: 'cyan',
  passed: 'green',
  failed: 'red',
  blocked: 'yellow',
  cancelled: 'magenta',
  interrupted: 'magenta',
  waived: 'blue',
};

function attemptsCell(g: GateView): string {
  if (g.attempts.length === 0) return '-';
  const passed = g.attempts.filter((a) => a.status === 'passed').length;
  return `${passed}/${g.repeat}`;
}

function signoffCell(g: GateView): string {
  if (!g.signoff) return '-';
  const s = g.signoff;
  if (s.status === 'approved' || s.status === 'rejected') return s.status;
  return `${s.approved}/${s.quorum}`;
}

function durationCell(g: GateView): string {
  if (g.startedAt === null || g.endedAt === null) return '-';
  return formatDuration(g.endedAt - g.startedAt);
}

export function statusTable(status: PlanStatus, io: CliIO): string {
  const rows = status.gates.map((g) => [
    g.id,
    paint(io, STATUS_COLOR[g.status], g.status),
    g.runNo === null ? '-' : `#${g.runNo}`,
    attemptsCell(g),
    durationCell(g),
    signoffCell(g),
    g.reason ?? g.blockedBy ?? (g.staleRunNo ? `run #${g.staleRunNo} was of an older definition` : ''),
  ]);
  const s = status.summary;
  const tally = `${s.passed + s.waived} of ${s.total} gates passed` +
    (s.failed ? `, ${s.failed} failed` : '') +
    (s.blocked ? `, ${s.blocked} blocked` : '') +
    (s['not-run'] ? `, ${s['not-run']} not run` : '');
  return renderTable(['GATE', 'STATUS', 'RUN', 'ATTEMPTS', 'DURATION', 'SIGN-OFF', 'NOTES'], rows) + `\n${tally}\n`;
}

export function statusCommand(argv: string[], io: CliIO): number {
  const { values, positionals } = parseCommandArgs(
    'status',
    argv,
    { db: { type: 'string' }, json: { type: 'boolean' } },
    { min: 1, max: 1, names: 'PLAN' },
  );
  const plan = requirePlan(positionals[0]);
  const services = openServices({ dbPath: values.db });
  try {
    const status = releaseStatusOf(services, plan);
    io.out(values.json ? JSON.stringify(statusJson(status), null, 2) + '\n' : statusTable(status, io));
    return EXIT.ok;
  } finally {
    services.close();
  }
}
