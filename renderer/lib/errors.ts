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

/**
 * Plan errors name `file:line:col` (DESIGN.md). Split a message into one
 * diagnostic per located line so the UI can show them as a list.
 */
export function parseDiagnostics(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(.+?:\d+:\d+):?\s+(.*)$/.exec(line);
    if (m) out.push({ location: m[1], message: m[2] });
  }
  return out;
}
