/** A release rule's refusal during a command: printed with the command's name, exit 1 (or 2 for a usage mistake). */
import { CockpitError } from '../core/errors';
import { EXIT } from './errors';
import type { CliIO } from './output';

export async function withReleaseErrors(command: string, io: CliIO, fn: () => Promise<number> | number): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof CockpitError) || err.details?.kind !== 'rule') throw err;
    if (err.code === 'invalid-input') throw new CockpitError('invalid-input', `${command}: ${err.message}`, err.details);
    io.err(`${command}: ${err.message}\n`);
    return EXIT.failed;
  }
}
