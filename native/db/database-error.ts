/**
 * A database file the cockpit cannot use (not SQLite, newer schema, cannot be
 * opened). The message names the file and says what to do; the CLI maps it
 * to exit code 2.
 */
export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}
