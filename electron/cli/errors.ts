/** Exit codes of DESIGN.md, and the errors that map onto them. */
export const EXIT = { ok: 0, failed: 1, badInput: 2, internal: 3 } as const;

/** Bad input: usage, an invalid plan or file. Printed as is, exit 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
