import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseFileError } from '../../../native/db/database-error';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion, type Migration } from '../../../native/db/migrations';
import { openDatabase } from '../../../native/db/open-database';
import { tmpDirs } from './tmp';

const tmp = tmpDirs('cockpit-migrate');

function tables(db: BetterSqlite3.Database): string[] {
  return db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
}

describe('migrations', () => {
  it('migrates an empty database to the latest version with the expected settings', () => {
    const file = path.join(tmp(), 'nested', 'dir', 'c.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(['attempts', 'events', 'evidence', 'plans', 'runs']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs'`).pluck().all();
    expect(indexes).toContain('runs_by_status');
    db.close();
  });

  it('re-opening is a no-op', () => {
    const file = path.join(tmp(), 'c.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(migrate(db, file)).toEqual([]);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('applies only the new steps, each once', () => {
    const file = path.join(tmp(), 'c.db');
    const calls: number[] = [];
    const step = (version: number): Migration => ({
      version,
      name: `t${version}`,
      up: (db) => {
        calls.push(version);
        db.exec(`CREATE TABLE t${version} (x)`);
      },
    });
    openDatabase(file, { migrations: [step(1)] }).close();
    const db = openDatabase(file, { migrations: [step(1), step(2)] });
    expect(calls).toEqual([1, 2]);
    expect(tables(db)).toEqual(['t1', 't2']);
    db.close();
  });

  it('rolls back a failing migration and names the file', () => {
    const file = path.join(tmp(), 'c.db');
    const bad: Migration = {
      version: 1,
      name: 'half done',
      up: (db) => {
        db.exec('CREATE TABLE half (x)');
        db.exec('THIS IS NOT SQL');
      },
    };
    expect(() => openDatabase(file, { migrations: [bad] })).toThrow(/c\.db: migration 1 \(half done\) failed/);
    const raw = new BetterSqlite3(file);
    expect(tables(raw)).toEqual([]);
    expect(schemaVersion(raw)).toBe(0);
    raw.close();
  });

  it('refuses a database from a newer version with a clear message', () => {
    const file = path.join(tmp(), 'future.db');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseFileError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/newer Release Cockpit \(schema version \d+, this version knows up to \d+\)/);
  });

  it('refuses a file that is not a SQLite database, naming it', () => {
    const file = path.join(tmp(), 'notes.db');
    fs.writeFileSync(file, 'this is a text file, not a database\n'.repeat(200));
    expect(() => openDatabase(file)).toThrow(DatabaseFileError);
    expect(() => openDatabase(file)).toThrow(`${file} is not a Release Cockpit database`);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^this is a text file/);
  });

  it('rejects a migration list with gaps', () => {
    const file = path.join(tmp(), 'c.db');
    const gap = [MIGRATIONS[0], { ...MIGRATIONS[0], version: 3 }];
    expect(() => openDatabase(file, { migrations: gap })).toThrow(/out of order/);
  });
});
