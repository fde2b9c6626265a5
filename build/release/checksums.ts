/** SHA256SUMS in the format of `sha256sum` (and `sha256sum -c`): `<hex>  <name>`, one per line, sorted by name. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

export interface Checksum {
  name: string;
  sha256: string;
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export async function checksumsOf(paths: string[]): Promise<Checksum[]> {
  const sums = await Promise.all(paths.map(async (p) => ({ name: basename(p), sha256: await sha256File(p) })));
  return sums.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function formatChecksums(sums: Checksum[]): string {
  return sums.map((s) => `${s.sha256}  ${s.name}\n`).join('');
}

/** Parses SHA256SUMS; a line it cannot read is a problem with its line number, never skipped. */
export function parseChecksums(text: string): { sums: Checksum[]; problems: string[] } {
  const sums: Checksum[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const m = /^([0-9a-f]{64}) [ *]([^/\\\0]+)$/.exec(line);
    if (!m || m[2] === '.' || m[2] === '..') problems.push(`SHA256SUMS:${i + 1}: not "<sha256>  <file name>"`);
    else sums.push({ name: m[2], sha256: m[1] });
  });
  const seen = new Set<string>();
  for (const s of sums) {
    if (seen.has(s.name)) problems.push(`SHA256SUMS lists ${s.name} twice`);
    seen.add(s.name);
  }
  return { sums, problems };
}
