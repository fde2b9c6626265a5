import fs from 'node:fs';
import { importSignatures } from '../../host/release/import-signatures';
import { openServices } from '../../host/composition-root';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import type { CliIO } from '../output';
import { requirePlan } from '../plan-arg';
import { withReleaseErrors } from '../release-errors';

export const importUsage = 'release-cockpit import PLAN SIGNOFF... [--db FILE]';

const MAX_SIGNOFF_BYTES = 1024 * 1024;

export async function importCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', argv, { db: { type: 'string' } }, {
    min: 2, max: 10_000, names: 'PLAN and at least one SIGNOFF file',
  });
  const plan = requirePlan(positionals[0]);
  const files = positionals.slice(1).map((name) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(name);
    } catch {
      throw badInput(`import: ${name}: no such file`);
    }
    if (!st.isFile() || st.size > MAX_SIGNOFF_BYTES) throw badInput(`import: ${name}: not a sign-off file`);
    return { name, text: fs.readFileSync(name, 'utf8') };
  });
  const services = openServices({ dbPath: values.db });
  try {
    return await withReleaseErrors('import', io, async () => {
      const { imported, ignored, problems } = await importSignatures(services, plan, files, new Date());
      if (problems.length > 0) {
        for (const p of problems) io.err(`import: ${p.message} [${p.rule}]\n`);
        io.err(`import: nothing was imported (${problems.length} problem${problems.length === 1 ? '' : 's'})\n`);
        return EXIT.failed;
      }
      for (const i of imported) {
        const what = i.kind === 'waiver' ? 'waiver' : i.decision === 'reject' ? 'rejection' : 'approval';
        io.out(`imported ${what} of gate "${i.gate}" run #${i.runNo} by ${i.person} (${i.role}) from ${i.file}\n`);
      }
      for (const x of ignored) io.err(`import: ${x.reason}\n`);
      return EXIT.ok;
    });
  } finally {
    services.close();
  }
}
