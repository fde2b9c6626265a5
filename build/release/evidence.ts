/**
 * `npm run release:evidence`: writes out/release/ (DESIGN.md, "Packaging and
 * release"), offline:
 *   - the artifacts: by default this machine's app payload built on a
 *     PLACEHOLDER Electron (never published), or with `--artifacts DIR` the
 *     installers the release workflow built;
 *   - SHA256SUMS, sbom.cdx.json (CycloneDX 1.6), provenance.dsse.json (in-toto
 *     Statement v1 + SLSA provenance v1, one subject per SHA256SUMS line) and
 *     provenance.pub, the key that signed it.
 * The release key is COCKPIT_RELEASE_KEY (a cockpit key file, its passphrase
 * in COCKPIT_PASSPHRASE); without one a fresh key is made for this run.
 * Same commit + same SOURCE_DATE_EPOCH give byte-identical artifacts, SBOM and SHA256SUMS.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decryptKeyFile } from '../../electron/core/signoff/key-file';
import { formatPublicKey, generateIdentity, type Identity } from '../../electron/core/signoff/keys';
import { asarFiles } from './asar-files';
import { checksumsOf, formatChecksums, sha256File } from './checksums';
import { buildPayload, electronVersionOf } from './payload';
import { PLACEHOLDER_TAG } from './placeholder-electron';
import { signProvenance, type BuildFacts } from './provenance';
import { buildSbom, sbomSchemaErrors } from './sbom';
import { reproducibleTarGz } from './tarball';
import { PROVENANCE, PROVENANCE_KEY, SBOM, SUMS } from './verify-evidence';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface EvidenceOptions {
  root?: string;
  outDir: string;
  /** Installers to attest instead of the placeholder payload. */
  artifactsDir?: string;
  sourceDateEpoch?: number;
  /** The release key; a fresh one when absent. */
  key?: Identity;
  /** Scratch space for the payload build (defaults to out/payload). */
  workDir?: string;
  log?: (line: string) => void;
}

function git(root: string, args: string[]): string | null {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function sourceDateEpochOf(root: string, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^\d{1,12}$/.test(fromEnv)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${fromEnv}"`);
    return Number(fromEnv);
  }
  const last = git(root, ['log', '-1', '--format=%ct']);
  if (!last) throw new Error('no SOURCE_DATE_EPOCH and no git commit to take it from');
  return Number(last);
}

export function releaseKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Identity | undefined {
  const file = env.COCKPIT_RELEASE_KEY;
  if (!file) return undefined;
  if (env.COCKPIT_PASSPHRASE === undefined) throw new Error('COCKPIT_RELEASE_KEY is set but COCKPIT_PASSPHRASE is not');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the release key ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return decryptKeyFile(text, env.COCKPIT_PASSPHRASE);
}

function buildFacts(root: string, epoch: number, startedOn: Date, placeholder: boolean, env = process.env): Omit<BuildFacts, 'finishedOn'> {
  const commit = git(root, ['rev-parse', 'HEAD']) ?? 'unknown';
  const clean = git(root, ['status', '--porcelain']) === '';
  const inActions = env.GITHUB_ACTIONS === 'true' && env.GITHUB_REPOSITORY;
  const repository = inActions
    ? `git+${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}`
    : `git+${git(root, ['config', '--get', 'remote.origin.url']) ?? `file://${root}`}`;
  return {
    repository,
    commit,
    sourceDateEpoch: epoch,
    lockfileSha256: '',
    builderId: inActions
      ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/.github/workflows/release.yml@${env.GITHUB_REF ?? ''}`
      : `local:${hostname()}`,
    buildType: 'https://github.com/release-cockpit/release-cockpit/blob/main/docs/adr/0009-packaging-and-release.md',
    invocationId: inActions ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/attempts/${env.GITHUB_RUN_ATTEMPT ?? '1'}` : randomUUID(),
    startedOn,
    externalParameters: {
      artifacts: placeholder ? `app payload built on a ${PLACEHOLDER_TAG} (not for publication)` : 'installers from the release workflow',
      sourceTreeClean: clean,
    },
    internalParameters: { node: process.version, platform: process.platform, arch: process.arch, electron: electronVersionOf(root) },
  };
}

export async function writeEvidence(opts: EvidenceOptions): Promise<{ files: string[]; key: Identity }> {
  const root = opts.root ?? ROOT;
  const log = opts.log ?? ((line: string) => process.stdout.write(`release:evidence: ${line}\n`));
  const startedOn = new Date();
  const epoch = opts.sourceDateEpoch ?? sourceDateEpochOf(root);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const out = resolve(opts.outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  // The payload is built either way: its app.asar is what the SBOM describes.
  log(`[1/5] app payload: electron-builder --linux dir on a ${PLACEHOLDER_TAG} (offline; it proves the file set, not the binary)`);
  const payload = await buildPayload(root, resolve(opts.workDir ?? join(root, 'out', 'payload')));
  const artifacts: string[] = [];
  if (opts.artifactsDir) {
    log(`[2/5] artifacts: the installers in ${opts.artifactsDir}`);
    for (const name of readdirSync(opts.artifactsDir).sort()) {
      const from = join(opts.artifactsDir, name);
      if (!statSync(from).isFile()) continue;
      if (name.includes(PLACEHOLDER_TAG)) throw new Error(`${name} was built on a placeholder Electron and is never published`);
      copyFileSync(from, join(out, name));
      artifacts.push(join(out, name));
    }
    if (artifacts.length === 0) throw new Error(`${opts.artifactsDir} holds no files`);
  } else {
    log(`[2/5] artifacts: the payload as a reproducible tar.gz, and its app.asar (both ${PLACEHOLDER_TAG}, never published)`);
    const tarball = join(out, `release-cockpit-${version}-linux-x64-app-payload.${PLACEHOLDER_TAG}.tar.gz`);
    reproducibleTarGz(payload.resourcesDir, ['app.asar', 'app.asar.unpacked', 'resources'], tarball, epoch);
    const asarCopy = join(out, `release-cockpit-${version}-app.${PLACEHOLDER_TAG}.asar`);
    copyFileSync(payload.asar, asarCopy);
    artifacts.push(tarball, asarCopy);
  }

  log('[3/5] SBOM: CycloneDX 1.6 from the lockfile, app.asar and the bundles');
  const bundleInputsFile = join(root, 'out', 'bundle-inputs.json');
  if (!existsSync(bundleInputsFile)) throw new Error('out/bundle-inputs.json is missing: run `npm run build` first');
  const sbom = buildSbom({
    root,
    shippedFiles: asarFiles(payload.asar).map((f) => f.path),
    bundleInputs: JSON.parse(readFileSync(bundleInputsFile, 'utf8')) as Record<string, string[]>,
    sourceDateEpoch: epoch,
  });
  const sbomText = JSON.stringify(sbom, null, 2) + '\n';
  const schemaErrors = await sbomSchemaErrors(sbomText);
  if (schemaErrors.length) throw new Error(`the SBOM is not valid CycloneDX 1.6: ${schemaErrors.slice(0, 5).join('; ')}`);
  writeFileSync(join(out, SBOM), sbomText);

  log(`[4/5] ${SUMS}`);
  const sums = await checksumsOf([...artifacts, join(out, SBOM)]);
  writeFileSync(join(out, SUMS), formatChecksums(sums));

  const key = opts.key ?? releaseKeyFromEnv() ?? generateIdentity('release-cockpit release key (made for this run)');
  log(`[5/5] provenance: SLSA v1 in DSSE, ${sums.length} subjects, signed by ${opts.key || process.env.COCKPIT_RELEASE_KEY ? 'the release key' : 'a key made for this run'}`);
  const facts = { ...buildFacts(root, epoch, startedOn, !opts.artifactsDir), lockfileSha256: await sha256File(join(root, 'package-lock.json')) };
  const envelope = signProvenance(sums, { ...facts, finishedOn: new Date() }, key);
  writeFileSync(join(out, PROVENANCE), JSON.stringify(envelope, null, 2) + '\n');
  writeFileSync(join(out, PROVENANCE_KEY), formatPublicKey(key.publicKeyRaw) + '\n');
  return { files: readdirSync(out).sort(), key };
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (process.argv[1] && /evidence\.ts$/.test(process.argv[1]) && !/verify-evidence\.ts$/.test(process.argv[1])) {
  const argv = process.argv.slice(2);
  const known = new Set(['--out', '--artifacts', '--work']);
  const bad = argv.find((a, i) => a.startsWith('-') && (!known.has(a) || argv[i + 1] === undefined));
  if (bad) {
    process.stderr.write(`release:evidence: unknown or incomplete option ${bad}\nusage: npm run release:evidence -- [--out DIR] [--artifacts DIR] [--work DIR]\n`);
    process.exit(2);
  }
  writeEvidence({ outDir: arg(argv, '--out') ?? join(ROOT, 'out', 'release'), artifactsDir: arg(argv, '--artifacts'), workDir: arg(argv, '--work') })
    .then(({ files }) => {
      process.stdout.write(`release:evidence: wrote ${files.length} files to ${arg(argv, '--out') ?? 'out/release'}: ${files.join(', ')}\n`);
    })
    .catch((err: Error) => {
      process.stderr.write(`release:evidence: ${err.message}\n`);
      process.exit(1);
    });
}
