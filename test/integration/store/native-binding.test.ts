// The desktop app run from a checkout loads better-sqlite3's Electron build
// from elsewhere (bin/start/electron-natives.cjs); openDatabase takes its path.
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseFileError } from '../../../native/db/database-error';
import { openDatabase } from '../../../native/db/open-database';
import { tmpDirs } from './tmp';

const tmp = tmpDirs('cockpit-binding');
const nodeBuild = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');

describe('openDatabase with a native binding', () => {
  it('loads the addon from the path it is given', () => {
    const dir = tmp();
    // A copy elsewhere, as npm start's cache holds it: the path, not node_modules, is what loads.
    const addon = join(dir, 'cache', 'better_sqlite3.node');
    mkdirSync(join(dir, 'cache'));
    copyFileSync(nodeBuild, addon);
    const db = openDatabase(join(dir, 'c.db'), { nativeBinding: addon });
    expect(db.prepare('SELECT 1 + 1 AS two').get()).toEqual({ two: 2 });
    db.close();
  });

  it('refuses a missing addon with the database error, naming the store', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    let caught: unknown;
    try {
      openDatabase(db, { nativeBinding: join(dir, 'nowhere', 'better_sqlite3.node') });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DatabaseFileError);
    expect((caught as Error).message).toContain(`cannot open database ${db}`);
  });
});
