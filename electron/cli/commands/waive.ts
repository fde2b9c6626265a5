import { parseRfc3339 } from '../../core/signoff/encoding';
import { waiveGate } from '../../host/release/waive';
import { openServices } from '../../host/composition-root';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import { identityArg } from '../key-arg';
import type { CliIO } from '../output';
import { requirePlan } from '../plan-arg';
import { withReleaseErrors } from '../release-errors';

export const waiveUsage = 'release-cockpit waive PLAN --gate ID --reason T --expires DATE --key FILE [--role R] [--db FILE]';

/** RFC 3339, or a bare `YYYY-MM-DD` meaning the end of that day in UTC. */
export function parseExpiry(text: string): Date {
  const day = /^(\d{4}-\d{2}-\d{2})$/.exec(text);
  const d = parseRfc3339(day ? `${day[1]}T23:59:59Z` : text);
  if (!d) throw badInput(`waive: --expires expects a date (2025-12-31, the end of that day UTC) or an RFC 3339 time, got "${text}"`);
  return d;
}

export async function waiveCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('waive', argv, {
    gate: { type: 'string' }, reason: { type: 'string' }, expires: { type: 'string' },
    key: { type: 'string' }, role: { type: 'string' }, db: { type: 'string' },
  }, { min: 1, max: 1, names: 'PLAN' });
  if (!values.gate) throw badInput('waive: --gate ID is required');
  if (!values.reason?.trim()) throw badInput('waive: --reason T is required (why the failure is acceptable)');
  if (!values.expires) throw badInput('waive: --expires DATE is required (a waiver never lasts forever)');
  const expires = parseExpiry(values.expires);
  const plan = requirePlan(positionals[0]);
  const identity = await identityArg('waive', values.key);
  const services = openServices({ dbPath: values.db });
  try {
    return await withReleaseErrors('waive', io, async () => {
      const problems = await waiveGate(services, plan, { gateId: values.gate!, reason: values.reason!.trim(), expires, role: values.role }, identity, new Date());
      if (problems.length > 0) {
        for (const p of problems) io.err(`waive: ${p.message}\n`);
        return EXIT.failed;
      }
      io.out(`waived gate "${values.gate}" until ${expires.toISOString()} (signed by ${identity.name})\n`);
      return EXIT.ok;
    });
  } finally {
    services.close();
  }
}
