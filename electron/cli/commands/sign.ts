import { adapters } from '../../host/composition-root';
import fs from 'node:fs';
import path from 'node:path';
import { checkRequest } from '../../core/release/request';
import { envelopeText } from '../../core/release/statements';
import { signRequest } from '../../core/release/sign-request';
import { parseCommandArgs } from '../args';
import { EXIT, badInput } from '../errors';
import { identityArg } from '../key-arg';
import type { CliIO } from '../output';
import { withReleaseErrors } from '../release-errors';

export const signUsage = 'release-cockpit sign REQUEST --key FILE (--approve|--reject) [--comment T] [--role R] --out FILE';

export async function signCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('sign', argv, {
    key: { type: 'string' }, approve: { type: 'boolean' }, reject: { type: 'boolean' },
    comment: { type: 'string' }, role: { type: 'string' }, out: { type: 'string' },
  }, { min: 1, max: 1, names: 'REQUEST (the sign-off request zip)' });
  if (Boolean(values.approve) === Boolean(values.reject)) throw badInput('sign: pass exactly one of --approve or --reject');
  if (!values.out) throw badInput('sign: --out FILE is required (the sign-off file to send back)');
  if (!values.key) throw badInput('sign: --key FILE is required');
  const requestPath = positionals[0];
  if (!fs.existsSync(requestPath)) throw badInput(`sign: ${requestPath}: no such file`);
  const read = await adapters.bundles.read(requestPath);
  const checked = checkRequest(read.files, read.problems.map((p) => ({ name: 'unsafe entry', ok: false, file: p.file, message: p.message })));
  if (!checked.ok) {
    for (const p of checked.problems) io.err(`sign: ${p.message}\n`);
    io.err(`sign: refusing to sign ${requestPath}: it does not match its own evidence manifest (tampered or damaged)\n`);
    return EXIT.failed;
  }
  const identity = await identityArg('sign', values.key);
  return withReleaseErrors('sign', io, () => {
    const decision = values.approve ? 'approve' : 'reject';
    const signed = signRequest(checked, identity, { decision, comment: values.comment, role: values.role }, new Date());
    const out = path.resolve(values.out!);
    fs.writeFileSync(out, envelopeText(signed.envelope));
    const b = checked.binding!;
    io.out(`${decision === 'approve' ? 'approved' : 'rejected'} gate "${b.gate}" run #${b.runNo} as ${signed.person} (${signed.role})\n` +
      `  evidence manifest: ${b.manifestSha256}\n  wrote ${out}\n`);
    return EXIT.ok;
  });
}
