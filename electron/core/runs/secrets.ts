/** Resolves `${secret:NAME}` references in a gate's env from the cockpit's own environment. */

const SECRET_REF = /\$\{secret:([A-Za-z_][A-Za-z0-9_]*)\}/g;

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
      secrets.add(value);
      // The pty turns \n into \r\n, so a multi-line secret reaches the log in that form.
      if (value.includes('\n')) secrets.add(value.replace(/\r?\n/g, '\r\n'));
      return value;
    });
  }
  return { env, secrets: [...secrets], missing: [...missing] };
}
