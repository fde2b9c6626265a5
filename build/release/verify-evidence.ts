/**
 * Checks a release directory as anyone who downloads it can: every file
 * listed in SHA256SUMS is there with that digest and nothing else is there
 * unlisted, the provenance is signed by the release key and names exactly
 * those files, and the SBOM is valid CycloneDX 1.6.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseChecksums, sha256File } from './checksums';
import { provenanceProblems } from './provenance';
import { sbomSchemaErrors } from './sbom';

export const SUMS = 'SHA256SUMS';
export const PROVENANCE = 'provenance.dsse.json';
export const PROVENANCE_KEY = 'provenance.pub';
export const SBOM = 'sbom.cdx.json';
/** Files of the evidence itself, which SHA256SUMS does not list (the provenance signs SHA256SUMS' lines). */
const EVIDENCE_FILES = new Set([SUMS, PROVENANCE, PROVENANCE_KEY]);

export interface EvidenceReport {
  ok: boolean;
  problems: string[];
  /** What was checked, for the report. */
  files: number;
  keyFrom: 'pinned' | 'beside the provenance';
}

export async function verifyEvidence(dir: string, pinnedKeyText?: string): Promise<EvidenceReport> {
  const problems: string[] = [];
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null);
  const sumsText = read(SUMS);
  const keyText = pinnedKeyText ?? read(PROVENANCE_KEY);
  const envelope = read(PROVENANCE);
  if (sumsText === null) problems.push(`${SUMS} is missing`);
  if (envelope === null) problems.push(`${PROVENANCE} is missing`);
  if (keyText === null) problems.push(`${PROVENANCE_KEY} is missing (or pass the release key with --key)`);
  const { sums, problems: sumProblems } = parseChecksums(sumsText ?? '');
  problems.push(...sumProblems);

  for (const s of sums) {
    const path = join(dir, s.name);
    if (!existsSync(path) || !statSync(path).isFile()) problems.push(`${s.name} is listed in ${SUMS} but missing`);
    else if ((await sha256File(path)) !== s.sha256) problems.push(`${s.name} does not match its SHA-256 in ${SUMS}`);
  }
  const listed = new Set(sums.map((s) => s.name));
  for (const name of readdirSync(dir)) {
    if (!EVIDENCE_FILES.has(name) && !listed.has(name)) problems.push(`${name} is in the release but not in ${SUMS}`);
  }
  if (envelope !== null && keyText !== null) problems.push(...provenanceProblems(envelope, sums, keyText));
  const sbom = read(SBOM);
  if (sbom !== null) problems.push(...(await sbomSchemaErrors(sbom)).map((e) => `${SBOM}: ${e}`));
  else problems.push(`${SBOM} is missing`);
  return { ok: problems.length === 0, problems, files: sums.length, keyFrom: pinnedKeyText ? 'pinned' : 'beside the provenance' };
}

/** `npm run release:verify -- [DIR] [--key FILE.pub]`: exit 0 when the release checks, 1 when not, 2 on bad usage. */
async function main(argv: string[]): Promise<number> {
  const keyAt = argv.indexOf('--key');
  const keyFile = keyAt >= 0 ? argv[keyAt + 1] : undefined;
  const rest = keyAt >= 0 ? argv.filter((_, i) => i !== keyAt && i !== keyAt + 1) : argv;
  if ((keyAt >= 0 && !keyFile) || rest.length > 1 || rest.some((a) => a.startsWith('-'))) {
    process.stderr.write('usage: npm run release:verify -- [DIR (default out/release)] [--key RELEASE-KEY.pub]\n');
    return 2;
  }
  const dir = rest[0] ?? join('out', 'release');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`release:verify: ${dir} is not a directory\n`);
    return 2;
  }
  let pinned: string | undefined;
  if (keyFile) {
    try {
      pinned = readFileSync(keyFile, 'utf8');
    } catch (err) {
      process.stderr.write(`release:verify: cannot read ${keyFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 2;
    }
  }
  const report = await verifyEvidence(dir, pinned);
  if (!report.ok) {
    process.stdout.write(`release:verify: ${dir} FAILS\n${report.problems.map((p) => `  - ${p}\n`).join('')}`);
    return 1;
  }
  const trust = report.keyFrom === 'pinned' ? `the pinned key ${keyFile}` : `${PROVENANCE_KEY} beside it (pin the release key with --key to check who signed)`;
  process.stdout.write(`release:verify: ${dir} OK: ${report.files} files match ${SUMS}, the provenance names exactly them and is signed by ${trust}; the SBOM is valid CycloneDX 1.6\n`);
  return 0;
}

if (process.argv[1] && /verify-evidence\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (err: Error) => {
    process.stderr.write(`release:verify: ${err.message}\n`);
    process.exit(3);
  });
}
