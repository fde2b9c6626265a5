/**
 * test/helpers/cli.ts finds the repo from `__dirname`, which vitest provides and
 * plain ESM (`node --import tsx`) does not; give it the value it would have.
 * Imported first by run.ts, so it is evaluated before the helpers.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

(globalThis as { __dirname?: string }).__dirname ??= join(dirname(fileURLToPath(import.meta.url)), '..', 'helpers');
