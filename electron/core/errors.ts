/**
 * The one error type of the cockpit, for the core, the CLI and the app: a
 * code (what kind of failure, which decides the CLI's exit code and the
 * API's error code), a message for people, and details as data, so that no
 * caller ever parses a sentence. Types only and one small class: the
 * renderer imports the shapes through the contract.
 */

/** `disconnected`: a client's request could not reach the host (the connection dropped); the host never raises it. */
export type ErrorCode = 'invalid-input' | 'not-found' | 'conflict' | 'no-plan' | 'internal' | 'unknown-channel' | 'disconnected';

/** A plan problem at `file:line:col`. */
export interface PlanDiagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
}

export type ErrorDetails =
  /** The plan is invalid (or missing): every problem with its position. */
  | { kind: 'plan'; diagnostics: PlanDiagnostic[] }
  /** A release rule refused (`separation of duties`, `unsigned result`, …), with the file or gate it concerns. */
  | { kind: 'rule'; rule: string; gate?: string; file?: string }
  /** Several problems, each with the rule and the file it names (import, a tampered request). */
  | { kind: 'problems'; problems: { rule: string; file?: string; message: string }[] };

export class CockpitError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'CockpitError';
  }
}

/** A refusal by a release rule: a conflict, unless the rule is a usage mistake (bad input). */
export function ruleError(rule: string, message: string, where: { gate?: string; file?: string } = {}): CockpitError {
  return new CockpitError(rule === 'usage' ? 'invalid-input' : 'conflict', message, { kind: 'rule', rule, ...where });
}

export function planError(message: string, diagnostics: PlanDiagnostic[], missing = false): CockpitError {
  return new CockpitError(missing ? 'not-found' : 'invalid-input', message, { kind: 'plan', diagnostics });
}
