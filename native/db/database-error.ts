/**
 * A database file the cockpit cannot use (not SQLite, newer schema, cannot be
 * opened): bad input, whose message names the file and says what to do (the
 * CLI exits 2).
 */
import { CockpitError } from '../../electron/core/errors';

export class DatabaseFileError extends CockpitError {
  override readonly name = 'DatabaseFileError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super('invalid-input', message);
  }
}
