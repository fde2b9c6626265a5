/**
 * Forward-only schema migrations, tracked with `PRAGMA user_version`.
 * To add one, append `{ version: N + 1, name, up }` to MIGRATIONS; keep its
 * SQL in `schema/NNN-name.ts`. Never edit a migration that has shipped.
 */
import type { Database } from 'better-sqlite3';
import { DatabaseFileError } from './database-error';
import { createRunTables } from './schema/001-runs';
import { createSignoffTables } from './schema/002-signoffs';
import { createMetricTables } from './schema/003-metrics';
import { createDurableTables } from './schema/004-durable';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'runs, attempts, evidence, events', up: createRunTables },
  { version: 2, name: 'audit chain, signed results, sign-offs, waivers', up: createSignoffTables },
  { version: 3, name: 'metric series, points, rollups, verdicts', up: createMetricTables },
  { version: 4, name: 'durable attempts and their copy offsets', up: createDurableTables },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the file's version, each in its own IMMEDIATE
 * transaction, re-reading the version inside it so that two processes opening
 * the same new file do not both apply a step. Returns the versions applied.
 */
export function migrate(db: Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  checkOrder(migrations);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  refuseNewer(schemaVersion(db), latest, file);
  const applied: number[] = [];
  for (const m of migrations) {
    const step = db.transaction(() => {
      const current = schemaVersion(db);
      refuseNewer(current, latest, file);
      if (current >= m.version) return;
      m.up(db);
      // PRAGMA takes no bound parameters; version is a checked integer.
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.version);
    });
    try {
      step.immediate();
    } catch (err) {
      if (err instanceof DatabaseFileError) throw err;
      throw new DatabaseFileError(file, `${file}: migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
    }
  }
  return applied;
}

function refuseNewer(current: number, latest: number, file: string): void {
  if (current > latest) {
    throw new DatabaseFileError(
      file,
      `${file} was written by a newer Release Cockpit (schema version ${current}, this version knows up to ${latest}); ` +
        'upgrade Release Cockpit or use another --db file',
    );
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version !== i + 1) {
      throw new Error(`migration list out of order: entry ${i} has version ${m.version}, expected ${i + 1}`);
    }
  });
}
