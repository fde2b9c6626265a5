/** Exit codes of DESIGN.md, and how the one error type maps onto them. */
import { CockpitError } from '../core/errors';

export const EXIT = { ok: 0, failed: 1, badInput: 2, internal: 3 } as const;

/** Bad input: usage, an invalid plan or file. Printed as is, exit 2. */
export function badInput(message: string): CockpitError {
  return new CockpitError('invalid-input', message);
}

/** The exit code for an error: bad input 2, a refusal 1, anything else internal (3). */
export function exitCodeOf(err: CockpitError): number {
  if (err.code === 'invalid-input' || err.code === 'not-found' || err.code === 'no-plan') return EXIT.badInput;
  if (err.code === 'conflict') return EXIT.failed;
  return EXIT.internal;
}
