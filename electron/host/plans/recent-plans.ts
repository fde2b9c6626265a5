/** The plans opened lately, newest first, kept in a small JSON file in the data directory. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MAX_RECENT = 10;

export class RecentPlans {
  constructor(private readonly file: string) {}

  /** Paths that still exist, newest first. */
  list(): string[] {
    return this.read().filter((p) => existsSync(p));
  }

  add(path: string): string[] {
    const next = [path, ...this.read().filter((p) => p !== path)].slice(0, MAX_RECENT);
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 1, plans: next }, null, 2), { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch {
      // A read-only data directory only costs the recent list, not the open.
    }
    return next.filter((p) => existsSync(p));
  }

  private read(): string[] {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { plans?: unknown };
      return Array.isArray(data.plans) ? data.plans.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }
}
