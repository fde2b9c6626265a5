// The demo target's tiny JSON "database": named tables of key -> row, a
// snapshot (db.json) plus a write-ahead log (wal.jsonl, fsync'd per write).
// Enough to make backup/restore, WAL consistency and crash-recovery drills real.
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';

/** JSON with sorted keys, so equal data always hashes the same. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

export class TableStore {
  constructor(dir) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    this.tables = {};
    this.seq = 0;
    this.walEntries = 0;
    this.tornWalLines = 0;
    this.load();
    this.walFd = openSync(this.walPath, 'a');
  }

  get snapshotPath() {
    return join(this.dir, 'db.json');
  }

  get walPath() {
    return join(this.dir, 'wal.jsonl');
  }

  load() {
    if (existsSync(this.snapshotPath)) {
      const snap = JSON.parse(readFileSync(this.snapshotPath, 'utf8'));
      this.tables = snap.tables ?? {};
      this.seq = snap.seq ?? 0;
    }
    if (!existsSync(this.walPath)) return;
    const lines = readFileSync(this.walPath, 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        // Only a torn last line (a crash mid-append) is tolerated; anything else is corruption.
        if (i === lines.length - 1 || (i === lines.length - 2 && lines[lines.length - 1] === '')) {
          this.tornWalLines++;
          continue;
        }
        throw new Error(`wal.jsonl line ${i + 1} is corrupt`);
      }
      if (entry.seq <= this.seq) continue; // already in the snapshot
      this.apply(entry);
      this.seq = entry.seq;
      this.walEntries++;
    }
  }

  apply(entry) {
    const table = (this.tables[entry.table] ??= {});
    if (entry.op === 'delete') delete table[entry.key];
    else table[entry.key] = entry.row;
  }

  /** Appends to the WAL and fsyncs before the write is acknowledged. */
  write(table, key, row, op = 'put') {
    const entry = { seq: this.seq + 1, table, key, op, row: op === 'delete' ? undefined : row };
    writeSync(this.walFd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.walFd);
    this.seq = entry.seq;
    this.walEntries++;
    this.apply(entry);
    return entry.seq;
  }

  get(table, key) {
    return this.tables[table]?.[key];
  }

  rows(table) {
    return this.tables[table] ?? {};
  }

  counts() {
    return Object.fromEntries(Object.entries(this.tables).map(([t, rows]) => [t, Object.keys(rows).length]));
  }

  /** Digest of the logical content: equal after any sequence of checkpoints and restores. */
  digest() {
    return sha256(canonical(this.tables));
  }

  /** Folds the WAL into a new snapshot (tmp + fsync + rename), then truncates the WAL. */
  checkpoint() {
    const tmp = `${this.snapshotPath}.tmp`;
    const fd = openSync(tmp, 'w');
    writeSync(fd, JSON.stringify({ seq: this.seq, tables: this.tables }));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.snapshotPath);
    closeSync(this.walFd);
    writeFileSync(this.walPath, '');
    this.walFd = openSync(this.walPath, 'a');
    this.walEntries = 0;
  }

  /** Copies snapshot + WAL (+ extra files) into dir and returns a manifest with sha256s. */
  backup(dir, extraFiles = []) {
    mkdirSync(dir, { recursive: true });
    fsyncSync(this.walFd);
    const files = [];
    for (const src of [this.snapshotPath, this.walPath, ...extraFiles]) {
      if (!existsSync(src)) continue;
      const name = basename(src);
      copyFileSync(src, join(dir, name));
      files.push({ name, sha256: sha256(readFileSync(join(dir, name))) });
    }
    const manifest = { createdAt: new Date().toISOString(), seq: this.seq, digest: this.digest(), counts: this.counts(), files };
    writeFileSync(join(dir, 'MANIFEST.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  }

  close() {
    try {
      closeSync(this.walFd);
    } catch {
      /* already closed */
    }
  }
}
