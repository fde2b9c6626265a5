import { holdCeremony } from '../../host/release/ceremony';
import { openServices } from '../../host/composition-root';
import { parseCommandArgs } from '../args';
import { EXIT } from '../errors';
import { identityArg } from '../key-arg';
import { paint, type CliIO } from '../output';
import { requirePlan } from '../plan-arg';
import { withReleaseErrors } from '../release-errors';

export const ceremonyUsage = 'release-cockpit ceremony PLAN [--key FILE] [--out DIR] [--db FILE] [--json]';

export async function ceremonyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('ceremony', argv, {
    key: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' },
  }, { min: 1, max: 1, names: 'PLAN' });
  const plan = requirePlan(positionals[0]);
  const identity = values.key !== undefined ? await identityArg('ceremony', values.key) : null;
  const services = openServices({ dbPath: values.db });
  try {
    return await withReleaseErrors('ceremony', io, async () => {
      const result = await holdCeremony(services, plan, identity, { out: values.out, now: new Date() });
      if (values.json) io.out(JSON.stringify(result, null, 2) + '\n');
      if (!result.ok) {
        if (!values.json) {
          io.out(`${paint(io, 'red', 'ceremony blocked')}: ${result.blockers.length} blocker${result.blockers.length === 1 ? '' : 's'}; nothing was tagged\n`);
          for (const b of result.blockers) io.out(`  - ${b.gate === '*' ? '' : `${b.gate}: `}${b.message} [${b.rule}]\n`);
        }
        return EXIT.failed;
      }
      if (!values.json) {
        io.out(`${paint(io, 'green', 'release candidate tagged')}: ${result.tag} at ${result.commit}\n` +
          `  bundle: ${result.bundle}\n  MANIFEST.json sha256: ${result.manifestSha256}\n`);
      }
      return EXIT.ok;
    });
  } finally {
    services.close();
  }
}
