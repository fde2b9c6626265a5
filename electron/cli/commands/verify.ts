import { adapters } from '../../host/composition-root';
import fs from 'node:fs';
import { verifyBundle } from '../../core/release/verify-bundle';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import { trustArg } from '../key-arg';
import { paint, type CliIO } from '../output';

export const verifyUsage = 'release-cockpit verify BUNDLE --trust PUBKEY [--expect STATEMENT]... [--json]';

const MAX_STATEMENT_BYTES = 1024 * 1024;

/** Fully offline: reads the bundle and the trusted key, and nothing else. */
export async function verifyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', argv, {
    trust: { type: 'string' }, json: { type: 'boolean' }, expect: { type: 'string', multiple: true },
  }, {
    min: 1, max: 1, names: 'BUNDLE (a bundle directory or .zip)',
  });
  const trusted = trustArg('verify', values.trust);
  const bundle = positionals[0];
  if (!fs.existsSync(bundle)) throw badInput(`verify: ${bundle}: no such file or directory`);
  const expected = ((values.expect ?? []) as string[]).map((name) => ({ name, text: statementFile(name) }));
  const read = await adapters.bundles.read(bundle);
  const readProblems = read.problems.map((p) => ({ name: 'unsafe entry', ok: false, file: p.file, message: p.message }));
  const report = verifyBundle({ files: read.files, readProblems, trustedKey: trusted, now: new Date(), expected });
  if (values.json) {
    io.out(JSON.stringify(report, null, 2) + '\n');
  } else {
    const failed = report.checks.filter((c) => !c.ok);
    for (const c of failed) io.out(`${paint(io, 'red', '✗')} ${c.name}: ${c.message}\n`);
    for (const c of report.checks.filter((x) => x.ok)) io.out(`${paint(io, 'green', '✓')} ${c.name}: ${c.message}\n`);
    io.out(report.ok ? `\n${bundle}: verified\n` : `\n${bundle}: verification FAILED (${failed.length} problem${failed.length === 1 ? '' : 's'})\n`);
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}

function statementFile(name: string): string {
  let st: fs.Stats;
  try {
    st = fs.statSync(name);
  } catch {
    throw badInput(`verify: --expect ${name}: no such file`);
  }
  if (!st.isFile() || st.size > MAX_STATEMENT_BYTES) throw badInput(`verify: --expect ${name}: not a statement file (a .dsse.json)`);
  return fs.readFileSync(name, 'utf8');
}
