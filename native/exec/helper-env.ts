/**
 * The environment of the cockpit's helper processes (sh and ssh for durable
 * runs, cancels, evidence fetches; git): the cockpit's own, less its control
 * variables. `COCKPIT_PASSPHRASE` in particular must reach no child: an ssh
 * `SendEnv COCKPIT_*`, a ProxyCommand or a detached wrapper would otherwise
 * carry it along.
 */
import { isControlVariable } from '../../electron/core/runs/secrets';

export function helperEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && !isControlVariable(k)) env[k] = v;
  return env;
}
