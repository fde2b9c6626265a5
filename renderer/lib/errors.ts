import type { ApiError } from '../../electron/contract/contract';

/** Turns whatever a transport rejected with into one sentence for a person. */
export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err && typeof (err as { message: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return typeof err === 'string' ? err : 'Something went wrong.';
}

export function errorCode(err: unknown): string | null {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    return (err as { code: string }).code;
  }
  return null;
}

export interface Diagnostic {
  location: string;
  message: string;
}

/** A plan's problems from an error's details (data, never parsed from its message), one per `file:line:col`. */
export function planDiagnostics(err: unknown): Diagnostic[] {
  const details = err && typeof err === 'object' && 'details' in err ? (err as { details?: ApiError['details'] }).details : undefined;
  if (details?.kind !== 'plan') return [];
  return details.diagnostics.map((d) => ({ location: `${d.file}:${d.line}:${d.col}`, message: d.message }));
}
