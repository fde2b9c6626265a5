import path from 'node:path';
import { buildRequest } from '../../host/release/request';
import { defaultOperator } from '../../host/runs/runs-service';
import { adapters, openServices } from '../../host/composition-root';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import type { CliIO } from '../output';
import { requirePlan } from '../plan-arg';
import { withReleaseErrors } from '../release-errors';

export const requestUsage = 'release-cockpit request PLAN --gate ID --out FILE [--db FILE]';

export async function requestCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'request', argv, { gate: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' } }, { min: 1, max: 1, names: 'PLAN' },
  );
  if (!values.gate) throw badInput('request: --gate ID is required');
  if (!values.out) throw badInput('request: --out FILE is required (the sign-off request zip to write)');
  const out = path.resolve(values.out);
  const problem = adapters.bundles.outputProblem(out);
  if (problem) throw badInput(`request: ${problem}`);
  const plan = requirePlan(positionals[0]);
  const services = openServices({ dbPath: values.db });
  try {
    return await withReleaseErrors('request', io, async () => {
      const now = new Date();
      const { files, request } = await buildRequest(services, plan, values.gate!, defaultOperator(), now);
      services.io.bundles.write(out, files, now, true);
      io.out(`wrote a sign-off request for gate "${request.gate}" run #${request.runNo} to ${out}\n` +
        `  evidence manifest: ${request.evidenceManifest} (${files.size} files)\n`);
      return EXIT.ok;
    });
  } finally {
    services.close();
  }
}
