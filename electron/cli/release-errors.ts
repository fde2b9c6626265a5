/** Maps release errors to exit codes: a usage problem is bad input (2), anything else a refusal (1). */
import { ReleaseError } from '../host/release/freeze-run';
import { EXIT, InputError } from './errors';
import type { CliIO } from './output';

export async function withReleaseErrors(command: string, io: CliIO, fn: () => Promise<number> | number): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof ReleaseError)) throw err;
    if (err.rule === 'usage') throw new InputError(`${command}: ${err.message}`);
    io.err(`${command}: ${err.message}\n`);
    return EXIT.failed;
  }
}
