/**
 * The example plan, copied into the data directory on first start: an
 * installed app's resources may be read-only, and gates write their
 * evidence next to the plan.
 */
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Copies resources/plans/example.yaml and resources/scripts/ to <dataDir>/examples once; returns the plan path. */
export function installExamples(resources: string, dataDir: string): string | null {
  const source = join(resources, 'plans', 'example.yaml');
  if (!existsSync(source)) return null;
  const dest = join(dataDir, 'examples');
  const plan = join(dest, 'plans', 'example.yaml');
  if (existsSync(plan)) return plan;
  try {
    mkdirSync(join(dest, 'plans'), { recursive: true });
    cpSync(source, plan);
    const scripts = join(resources, 'scripts');
    // Same layout as resources/, so the plan's `../scripts/...` paths still work.
    if (existsSync(scripts)) cpSync(scripts, join(dest, 'scripts'), { recursive: true });
    return plan;
  } catch (err) {
    console.error(`cockpit: could not copy the example plan: ${(err as Error).message}`);
    return null;
  }
}
