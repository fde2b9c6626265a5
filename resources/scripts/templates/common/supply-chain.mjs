// Supply-chain checks on the release artifacts, with node's crypto only:
//   build  --out DIR [--name N --version V]   package the sources twice; fail unless byte-identical (reproducible)
//   sbom   --dist DIR --out FILE              CycloneDX-style SBOM: every component with its SHA-256
//   scan   --sbom FILE --advisories F --exceptions F --out FILE
//                                             match advisories; each finding needs an unexpired exception
//                                             approved by a security reviewer
//   sign   --dist DIR                          SHA256SUMS + Ed25519 signature (SIGNING_KEY_FILE, else a demo key)
//   verify --dist DIR                          hashes + signature, and prove tampering is detected
// Real system: point --dist at your build output, or generate the SBOM with your tool
// (e.g. cyclonedx-npm) and keep scan/sign/verify; set SIGNING_KEY_FILE (a PEM Ed25519 key) via a secret.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { args, bad, fail, log, ok, readJson, sha256, sha256File, warn, writeJson } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const a = args();
const cmd = a._[0];

function sourcesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const p = join(d, name.name);
      if (name.isDirectory()) walk(p);
      else if (name.isFile() && name.name.endsWith('.mjs')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A deterministic archive: sorted entries, no timestamps or owners, gzip with a fixed header. */
function pack(files, root) {
  const parts = [];
  for (const f of files) {
    const data = readFileSync(f);
    parts.push(Buffer.from(`${relative(root, f)}\u0000${data.length}\u0000644\n`), data);
  }
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

function build() {
  const out = String(a.out ?? 'out/packaging/dist');
  const name = String(a.name ?? 'demo-target');
  const version = String(a.version || process.env.DEMO_VERSION || '1.0.0');
  const files = sourcesOf(here).filter((f) => f.endsWith('demo-target.mjs') || f.includes(`${join('demo', '')}`));
  log(`building ${name}-${version} from ${files.length} source files, twice`);
  const digests = [];
  for (const run of ['a', 'b']) {
    const dir = join(dirname(out), `build-${run}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}-${version}.tgz`), pack(files, here));
    digests.push(sha256File(join(dir, `${name}-${version}.tgz`)));
    log(`  build ${run}: sha256 ${digests.at(-1)}`);
  }
  if (digests[0] !== digests[1]) fail(`not reproducible: the two builds differ (${digests[0].slice(0, 12)} vs ${digests[1].slice(0, 12)})`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}-${version}.tgz`), pack(files, here));
  writeJson(join(out, `${name}-${version}.build.json`), { name, version, node: process.version, platform: process.platform, sources: files.map((f) => ({ path: relative(here, f), sha256: sha256File(f) })), sha256: digests[0] });
  writeJson(join(dirname(out), 'reproducible-build.json'), { artifact: `${name}-${version}.tgz`, builds: digests, identical: true });
  ok(`reproducible: both builds are ${digests[0].slice(0, 16)}…`);
}

function sbom() {
  const dist = String(a.dist ?? 'out/packaging/dist');
  const out = String(a.out ?? 'out/packaging/sbom.cdx.json');
  const meta = readdirSync(dist).filter((f) => f.endsWith('.build.json')).map((f) => readJson(join(dist, f)));
  if (meta.length === 0) fail(`no build metadata in ${dist}: run "build" first`);
  const components = [];
  for (const m of meta) {
    for (const s of m.sources) components.push({ type: 'file', name: s.path, version: m.version, hashes: [{ alg: 'SHA-256', content: s.sha256 }] });
  }
  components.push({ type: 'platform', name: 'node', version: process.version.slice(1), purl: `pkg:generic/node@${process.version.slice(1)}` });
  const artifacts = readdirSync(dist).filter((f) => !f.endsWith('.json')).map((f) => ({ name: f, sha256: sha256File(join(dist, f)) }));
  const doc = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${sha256(JSON.stringify(components)).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5')}`,
    version: 1,
    metadata: { component: { type: 'application', name: meta[0].name, version: meta[0].version, hashes: artifacts.map((x) => ({ alg: 'SHA-256', content: x.sha256 })) } },
    components,
  };
  writeJson(out, doc);
  const unhashed = components.filter((c) => c.type === 'file' && !c.hashes?.[0]?.content);
  if (unhashed.length) fail(`${unhashed.length} component(s) without a SHA-256`);
  ok(`SBOM ${out}: ${components.length} components, every file component hashed (SHA-256)`);
}

function scan() {
  const bom = readJson(String(a.sbom ?? 'out/packaging/sbom.cdx.json'));
  const advisories = readJson(String(a.advisories));
  const exceptions = readJson(String(a.exceptions));
  const out = String(a.out ?? 'out/packaging/vuln-scan.json');
  const now = Date.now();
  const all = [...bom.components, bom.metadata.component];
  const findings = [];
  for (const adv of advisories.advisories) {
    for (const c of all) {
      if (c.name === adv.component && adv.versions.includes(c.version)) findings.push({ id: adv.id, severity: adv.severity, component: `${c.name}@${c.version}`, title: adv.title });
    }
  }
  const problems = [];
  for (const f of findings) {
    const ex = exceptions.exceptions.find((e) => e.advisory === f.id);
    f.exception = ex ?? null;
    if (!ex) problems.push(`${f.id} (${f.severity}) in ${f.component} has no approved exception`);
    else if (ex.approvedByRole !== 'security-reviewer') problems.push(`${f.id}: exception approved by "${ex.approvedByRole}", expected security-reviewer`);
    else if (!(Date.parse(ex.expires) > now)) problems.push(`${f.id}: exception expired on ${ex.expires}`);
    else log(`  ${f.id} ${f.severity} ${f.component}: excepted until ${ex.expires} (${ex.approvedBy}, ${ex.reason})`);
  }
  writeJson(out, { scannedAt: new Date().toISOString(), scanner: 'offline advisory match (demo)', components: all.length, advisories: advisories.advisories.length, findings, problems, ok: problems.length === 0 });
  if (problems.length) {
    for (const p of problems) bad(p);
    fail(`${problems.length} finding(s) block the release`);
  }
  ok(`vulnerability scan: ${all.length} components, ${findings.length} finding(s), all covered by approved, unexpired exceptions`);
}

function keyPair(dir) {
  if (process.env.SIGNING_KEY_FILE) {
    const priv = createPrivateKey(readFileSync(process.env.SIGNING_KEY_FILE));
    return { priv, pub: createPublicKey(priv), demo: false };
  }
  warn('SIGNING_KEY_FILE is not set: signing with a throwaway demo key (not a release key)');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(dir, { recursive: true });
  return { priv: privateKey, pub: publicKey, demo: true };
}

function signCmd() {
  const dist = String(a.dist ?? 'out/packaging/dist');
  const files = readdirSync(dist).filter((f) => !f.startsWith('SHA256SUMS')).sort();
  const sums = files.map((f) => `${sha256File(join(dist, f))}  ${f}\n`).join('');
  writeFileSync(join(dist, 'SHA256SUMS'), sums);
  const { priv, pub, demo } = keyPair(join(dist, '..'));
  writeFileSync(join(dist, 'SHA256SUMS.sig'), sign(null, Buffer.from(sums), priv).toString('base64'));
  writeFileSync(join(dist, '..', 'signing-key.pub.pem'), pub.export({ type: 'spki', format: 'pem' }));
  writeJson(join(dist, '..', 'signature.json'), { files: files.length, algorithm: 'Ed25519', demoKey: demo, publicKey: 'signing-key.pub.pem' });
  ok(`signed SHA256SUMS for ${files.length} artifact(s) with Ed25519${demo ? ' (demo key)' : ''}`);
}

function verifyCmd() {
  const dist = String(a.dist ?? 'out/packaging/dist');
  const pubFile = process.env.SIGNING_PUBKEY_FILE || join(dist, '..', 'signing-key.pub.pem');
  if (!existsSync(join(dist, 'SHA256SUMS')) || !existsSync(pubFile)) fail('nothing signed yet: run "sign" first');
  const pub = createPublicKey(readFileSync(pubFile));
  const sums = readFileSync(join(dist, 'SHA256SUMS'));
  const sig = Buffer.from(readFileSync(join(dist, 'SHA256SUMS.sig'), 'utf8'), 'base64');
  const report = { checked: [], signatureOk: false, tamperDetected: {} };
  if (!verify(null, sums, pub, sig)) fail('SHA256SUMS signature does not verify');
  report.signatureOk = true;
  const listed = new Map(sums.toString().trim().split('\n').map((l) => [l.slice(66), l.slice(0, 64)]));
  for (const f of readdirSync(dist).filter((x) => !x.startsWith('SHA256SUMS'))) {
    if (!listed.has(f)) fail(`${f} is not listed in SHA256SUMS`);
    const actual = sha256File(join(dist, f));
    if (actual !== listed.get(f)) fail(`${f}: sha256 ${actual.slice(0, 12)} does not match SHA256SUMS`);
    report.checked.push({ file: f, sha256: actual });
    log(`  ${actual}  ${f}  ok`);
  }
  // Negative checks: a verifier that cannot fail proves nothing.
  const first = report.checked[0].file;
  const tampered = Buffer.from(readFileSync(join(dist, first)));
  tampered[tampered.length - 1] ^= 0xff;
  report.tamperDetected.artifact = sha256(tampered) !== listed.get(first);
  const forged = Buffer.from(sums.toString().replace(/^./, (c) => (c === '0' ? '1' : '0')));
  report.tamperDetected.sums = !verify(null, forged, pub, sig);
  if (!report.tamperDetected.artifact || !report.tamperDetected.sums) fail('tampering was NOT detected');
  writeJson(join(dist, '..', 'verify.json'), { ...report, ok: true });
  ok(`verified ${report.checked.length} artifact hash(es) and the Ed25519 signature; tampered artifact and forged SHA256SUMS both rejected`);
}

const commands = { build, sbom, scan, sign: signCmd, verify: verifyCmd };
if (!commands[cmd]) fail(`usage: supply-chain.mjs ${Object.keys(commands).join('|')} [options]`, 2);
commands[cmd]();
