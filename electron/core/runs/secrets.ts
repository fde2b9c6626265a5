/**
 * What a gate's process may see of the cockpit's environment, and which
 * values are secret.
 * - `${secret:NAME}` references in a gate's env are resolved from the
 *   cockpit's own environment.
 * - A gate inherits the cockpit's environment less the cockpit's own control
 *   variables (`COCKPIT_PASSPHRASE`, `COCKPIT_DATA_DIR`, every `COCKPIT_*`)
 *   and less the source variable of every secret the plan uses that this
 *   gate does not declare.
 * - Every secret value the run knows (of any gate, and the passphrase) is
 *   masked in every gate's output, not only in the gate that declared it.
 */
import type { Gate } from '../plan/types';

const SECRET_REF = /\$\{secret:([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** The cockpit's own variables: never inherited by a gate (the runner sets the few a gate needs). */
const CONTROL_PREFIX = 'COCKPIT_';
/** Where the CLI reads the key passphrase from (DESIGN.md); a gate never sees it. */
export const PASSPHRASE_VARIABLE = 'COCKPIT_PASSPHRASE';
/** Shorter passphrases are not masked: `***` for every "ab" would ruin logs, and such a passphrase protects nothing. */
const MIN_MASKED_PASSPHRASE = 6;

export interface ResolvedEnv {
  env: Record<string, string>;
  /** Resolved secret values, to be masked wherever output is stored or shown. */
  secrets: string[];
  /** Names referenced but not set: the gate must not run with an empty secret. */
  missing: string[];
}

export function resolveGateEnv(
  gateEnv: Record<string, string>,
  source: Record<string, string | undefined>,
): ResolvedEnv {
  const env: Record<string, string> = {};
  const secrets = new Set<string>();
  const missing = new Set<string>();
  for (const [key, raw] of Object.entries(gateEnv)) {
    env[key] = raw.replace(SECRET_REF, (_match, name: string) => {
      const value = source[name];
      if (value === undefined || value === '') {
        missing.add(name);
        return '';
      }
      for (const form of maskForms(value)) secrets.add(form);
      return value;
    });
  }
  return { env, secrets: [...secrets], missing: [...missing] };
}

/** The names of the secrets an env map refers to. */
export function secretNames(env: Record<string, string>): string[] {
  return [...new Set(Object.values(env).flatMap(secretNamesIn))];
}

/** The names of the secrets one env value refers to. */
export function secretNamesIn(value: string): string[] {
  return [...value.matchAll(SECRET_REF)].map((m) => m[1]);
}

/** Whether a variable is one of the cockpit's own (never passed to a gate or a helper). */
export function isControlVariable(name: string): boolean {
  return name.startsWith(CONTROL_PREFIX);
}

/**
 * The environment a gate's process starts from: the cockpit's, less its
 * control variables and less the secrets of other gates of the plan.
 */
export function gateBaseEnv(plan: { gates: readonly Pick<Gate, 'env'>[] }, gate: Pick<Gate, 'env'>, source: Record<string, string | undefined>): Record<string, string> {
  const declared = new Set(secretNames(gate.env));
  const others = new Set(plan.gates.flatMap((g) => secretNames(g.env)).filter((n) => !declared.has(n)));
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) {
    if (v !== undefined && !isControlVariable(k) && !others.has(k)) base[k] = v;
  }
  return base;
}

/** Every secret value the run knows: all the plan's resolved secrets, and the cockpit's passphrase. */
export function runSecrets(plan: { gates: readonly Pick<Gate, 'env'>[] }, source: Record<string, string | undefined>): string[] {
  const values = new Set<string>();
  for (const name of new Set(plan.gates.flatMap((g) => secretNames(g.env)))) {
    const v = source[name];
    if (v) for (const form of maskForms(v)) values.add(form);
  }
  const pass = source[PASSPHRASE_VARIABLE];
  if (pass && pass.length >= MIN_MASKED_PASSPHRASE) for (const form of maskForms(pass)) values.add(form);
  return [...values];
}

/** The pty turns \n into \r\n, so a multi-line secret reaches the log in that form too. */
function maskForms(value: string): string[] {
  return value.includes('\n') ? [value, value.replace(/\r?\n/g, '\r\n')] : [value];
}
