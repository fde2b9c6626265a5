/**
 * The SBOM of what ships, as CycloneDX 1.6 JSON. Every component comes from
 * the lockfile (version, licence, and its `integrity` as the SHA-512 hash),
 * and the list is derived from what the build put in the app, not from
 * package.json: the packages in app.asar (the natives and their loader), the
 * packages esbuild bundled into the files app.asar holds (react, recharts,
 * zustand, xterm... from devDependencies), and Electron itself.
 * `@cyclonedx/cyclonedx-npm` misses the last two (FIELD-NOTES, "SBOM").
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPDX, Spec, Validation } from '@cyclonedx/cyclonedx-library';

interface LockEntry {
  version?: string;
  integrity?: string;
  license?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export interface SbomInputs {
  root: string;
  /** Every file path inside the app payload (app.asar and app.asar.unpacked), relative, with `/`. */
  shippedFiles: string[];
  /** out/bundle-inputs.json: bundle output -> its input files. */
  bundleInputs: Record<string, string[]>;
  sourceDateEpoch: number;
}

/** Electron's own zips that the installers are made from, by platform (checksums from node_modules/electron). */
const ELECTRON_TARGETS = ['darwin-arm64', 'darwin-x64', 'linux-x64', 'win32-arm64', 'win32-x64'];

/** `node_modules/a/node_modules/@s/b/lib/x.js` -> `node_modules/a/node_modules/@s/b` (the lockfile's key). */
export function packagePathOf(file: string): string | null {
  const m = /^(.*node_modules\/(?:@[^/]+\/[^/]+|[^/@][^/]*))(?:\/|$)/.exec(file.replace(/\\/g, '/'));
  if (!m) return null;
  // The greedy prefix ends at the last node_modules segment.
  return m[1];
}

function nameOf(pkgPath: string): string {
  return pkgPath.slice(pkgPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

export function purlOf(name: string, version: string): string {
  const [scope, bare] = name.startsWith('@') ? name.split('/') : [null, name];
  return `pkg:npm/${scope ? `${encodeURIComponent(scope)}/` : ''}${encodeURIComponent(bare)}@${encodeURIComponent(version)}`;
}

function sha512Hex(integrity: string | undefined): string | null {
  const m = /^sha512-([A-Za-z0-9+/=]+)$/.exec(integrity?.split(/\s+/).find((s) => s.startsWith('sha512-')) ?? '');
  return m ? Buffer.from(m[1], 'base64').toString('hex') : null;
}

function licensesOf(license: string | undefined): object[] {
  if (!license) return [];
  if (SPDX.isSupportedSpdxId(license)) return [{ license: { id: license } }];
  if (/\s(OR|AND|WITH)\s|[()]/.test(license)) return [{ expression: license }];
  return [{ license: { name: license } }];
}

/** Node's resolution of `dep` required from the package at `from`, in lockfile keys. */
function resolveIn(packages: Record<string, LockEntry>, from: string, dep: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${dep}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Which packages ship, each with where it ships: `app.asar` or the bundle files it went into. */
export function shippedPackages(inputs: Pick<SbomInputs, 'shippedFiles' | 'bundleInputs'>): Map<string, Set<string>> {
  const where = new Map<string, Set<string>>();
  const add = (pkg: string, place: string) => {
    if (!where.has(pkg)) where.set(pkg, new Set());
    where.get(pkg)!.add(place);
  };
  const shipped = new Set(inputs.shippedFiles);
  for (const file of inputs.shippedFiles) {
    const pkg = packagePathOf(file);
    if (pkg) add(pkg, 'app.asar');
  }
  for (const [output, files] of Object.entries(inputs.bundleInputs)) {
    if (!shipped.has(output)) continue; // not in the app (a source map, the CLI-only worker...)
    for (const file of files) {
      const pkg = packagePathOf(file);
      if (pkg) add(pkg, `bundled into ${output}`);
    }
  }
  return where;
}

export function buildSbom(inputs: SbomInputs): Record<string, unknown> {
  const lock = JSON.parse(readFileSync(join(inputs.root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const app = JSON.parse(readFileSync(join(inputs.root, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
  const where = shippedPackages(inputs);
  where.set('node_modules/electron', new Set(['the application binary (Electron, from the platform zips below)']));

  const refOf = new Map<string, string>();
  const components: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const [pkgPath, places] of where) {
    const entry = lock.packages[pkgPath];
    if (!entry?.version) {
      missing.push(pkgPath);
      continue;
    }
    const name = nameOf(pkgPath);
    const purl = purlOf(name, entry.version);
    refOf.set(pkgPath, purl);
    const hash = sha512Hex(entry.integrity);
    const [group, bare] = name.startsWith('@') ? name.split('/') : [undefined, name];
    const component: Record<string, unknown> = {
      type: pkgPath === 'node_modules/electron' ? 'framework' : 'library',
      'bom-ref': purl,
      ...(group ? { group } : {}),
      name: bare,
      version: entry.version,
      scope: 'required',
      ...(hash ? { hashes: [{ alg: 'SHA-512', content: hash }] } : {}),
      licenses: licensesOf(entry.license),
      purl,
      properties: [...places].sort().map((value) => ({ name: 'release-cockpit:shipped', value })),
    };
    if (pkgPath === 'node_modules/electron') component.externalReferences = electronDistributions(inputs.root, entry.version);
    components.push(component);
  }
  if (missing.length) throw new Error(`the lockfile has no entry for shipped package(s): ${missing.join(', ')}`);
  components.sort((a, b) => ((a['bom-ref'] as string) < (b['bom-ref'] as string) ? -1 : 1));

  const appRef = purlOf(app.name, app.version);
  const dependencies = [
    { ref: appRef, dependsOn: [...refOf.entries()].filter(([p]) => !p.includes('/node_modules/')).map(([, r]) => r).sort() },
    ...[...refOf.entries()]
      .map(([pkgPath, ref]) => {
        const entry = lock.packages[pkgPath];
        const deps = Object.keys({ ...entry.dependencies, ...entry.optionalDependencies });
        const dependsOn = deps
          .map((d) => resolveIn(lock.packages, pkgPath, d))
          .filter((p): p is string => p !== null && refOf.has(p))
          .map((p) => refOf.get(p)!);
        return { ref, dependsOn: [...new Set(dependsOn)].sort() };
      })
      .sort((a, b) => (a.ref < b.ref ? -1 : 1)),
  ];

  const body = {
    metadata: {
      timestamp: new Date(inputs.sourceDateEpoch * 1000).toISOString(),
      lifecycles: [{ phase: 'build' }],
      tools: { components: [{ type: 'application', name: 'release-cockpit build/release/sbom.ts', version: app.version }] },
      component: {
        type: 'application',
        'bom-ref': appRef,
        name: app.name,
        version: app.version,
        licenses: licensesOf(app.license),
        purl: appRef,
      },
    },
    components,
    dependencies,
  };
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    // Derived from the content, so the same build gives the same SBOM byte for byte.
    serialNumber: uuidFrom(JSON.stringify(body)),
    version: 1,
    ...body,
  };
}

function electronDistributions(root: string, version: string): object[] {
  const sums = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'checksums.json'), 'utf8')) as Record<string, string>;
  return ELECTRON_TARGETS.flatMap((target) => {
    const file = `electron-v${version}-${target}.zip`;
    const sha256 = sums[file];
    return sha256
      ? [{ type: 'distribution', url: `https://github.com/electron/electron/releases/download/v${version}/${file}`, hashes: [{ alg: 'SHA-256', content: sha256 }] }]
      : [];
  });
}

/** Schema errors of a BOM against CycloneDX 1.6 (strict), checked offline; empty when valid. */
export async function sbomSchemaErrors(bomJson: string): Promise<string[]> {
  const errors = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(bomJson);
  return errors ? (errors as { instancePath: string; message: string }[]).map((e) => `${e.instancePath || '/'}: ${e.message}`) : [];
}
