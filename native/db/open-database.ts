/**
 * Opens (creating if needed) the cockpit database with the settings the app
 * and the CLI both rely on, and migrates it to the current schema.
 */
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ensurePrivateFile, mkdirPrivate, tighten } from '../fs/private-files';
import { DatabaseFileError } from './database-error';
import { MIGRATIONS, migrate, type Migration } from './migrations';

export interface OpenOptions {
  /** Defaults to all known migrations; tests pass their own. */
  migrations?: readonly Migration[];
  /**
   * better-sqlite3's compiled addon to load instead of node_modules' own: the
   * desktop app run from a checkout (`npm start`) needs one built for
   * Electron's ABI, while node_modules keeps Node's for the CLI and the tests.
   */
  nativeBinding?: string;
}

export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const abs = path.resolve(file);
  let db: Database;
  try {
    mkdirPrivate(path.dirname(abs));
    // SQLite gives -wal and -shm the database file's mode, so a 0600 store keeps them 0600 too.
    ensurePrivateFile(abs);
    for (const side of ['-wal', '-shm']) tighten(abs + side);
    db = new BetterSqlite3(abs, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    throw new DatabaseFileError(abs, `cannot open database ${abs}: ${(err as Error).message}`);
  }
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, abs, options.migrations ?? MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    const code = (err as { code?: unknown }).code;
    // Only SQLite's own failures are about the file; anything else is a bug and stays as it is.
    if (typeof code !== 'string' || !code.startsWith('SQLITE_')) throw err;
    throw new DatabaseFileError(abs, describeOpenError(abs, err as Error & { code: string }));
  }
}

function describeOpenError(file: string, err: Error & { code: string }): string {
  if (err.code === 'SQLITE_NOTADB' || err.code === 'SQLITE_CORRUPT') {
    return `${file} is not a Release Cockpit database (not a SQLite file, or damaged); pass another --db file`;
  }
  return `cannot open database ${file}: ${err.message}`;
}
