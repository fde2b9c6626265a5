/** How plan problems are shown to people: `file:line:col: message`. */
import type { Diagnostic } from './types';

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

/** Sorted by position (stable for equal positions), one per line. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  return sortDiagnostics(ds).map(formatDiagnostic).join('\n');
}
