import path from 'node:path';
import { buildBundle } from '../../host/release/bundle';
import { adapters, openServices } from '../../host/composition-root';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import { identityArg } from '../key-arg';
import type { CliIO } from '../output';
import { requirePlan } from '../plan-arg';
import { withReleaseErrors } from '../release-errors';

export const bundleUsage = 'release-cockpit bundle PLAN --out DIR|FILE.zip --key FILE [--db FILE]';

export async function bundleCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('bundle', argv, {
    out: { type: 'string' }, key: { type: 'string' }, db: { type: 'string' },
  }, { min: 1, max: 1, names: 'PLAN' });
  if (!values.out) throw badInput('bundle: --out DIR or --out FILE.zip is required');
  const out = path.resolve(values.out);
  const problem = adapters.bundles.outputProblem(out);
  if (problem) throw badInput(`bundle: ${problem}`);
  const plan = requirePlan(positionals[0]);
  if (!values.key) throw badInput('bundle: --key FILE is required: a release manager signs MANIFEST.json');
  const identity = await identityArg('bundle', values.key);
  const services = openServices({ dbPath: values.db });
  try {
    return await withReleaseErrors('bundle', io, async () => {
      const now = new Date();
      const built = await buildBundle(services, plan, identity, now);
      services.io.bundles.write(out, built.files, now);
      const blockers = built.state.evaluation.blockers;
      io.out(`wrote the evidence bundle to ${out} (${built.files.size} files)\n  MANIFEST.json sha256: ${built.manifestSha256}\n`);
      io.out(blockers.length === 0 ? '  ready for the ceremony\n' : `  not ready for the ceremony: ${blockers.length} blocker${blockers.length === 1 ? '' : 's'} (see RELEASE_CHECKLIST.md)\n`);
      return EXIT.ok;
    });
  } finally {
    services.close();
  }
}
