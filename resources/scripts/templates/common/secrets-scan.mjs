// Secrets scan and configuration validation (Gate 3D style):
//   1. scan the given source trees for committed secrets (keys, tokens, private keys, passwords)
//   2. prove the scanner works: it must flag a planted canary (a scanner that finds nothing proves nothing)
//   3. validate the running target's configuration: auth required, rate limits set, TLS >= 1.3 declared,
//      and no secret value inlined in the configuration
//   node secrets-scan.mjs --scan DIR [--scan DIR ...]
// Writes out/security/secrets-config.json; exits 1 on any finding or bad setting.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fail, http, log, ok, outDir, serviceToken, targetUrl, writeJson } from './lib.mjs';

const roots = process.argv.slice(2).reduce((acc, x, i, all) => (x === '--scan' ? [...acc, all[i + 1]] : acc), []);
if (roots.length === 0) fail('usage: secrets-scan.mjs --scan DIR [--scan DIR ...]', 2);
const RULES = [
  ['aws-access-key', new RegExp('AKIA' + '[0-9A-Z]{16}')],
  ['private-key', new RegExp('-----BEGIN ' + '(RSA |EC |OPENSSH |ENCRYPTED )?PRIVATE KEY-----')],
  ['github-token', new RegExp('gh[pousr]_' + '[A-Za-z0-9]{36}')],
  ['slack-token', new RegExp('xox[baprs]-' + '[A-Za-z0-9-]{10,}')],
  ['password-assignment', /(password|passwd|secret|api[_-]?key)\s*[:=]\s*["'][^"'\s]{8,}["']/i],
];
const SKIP_DIRS = new Set(['node_modules', '.git', 'out']);
const findings = [];
let files = 0;

function scanText(text, where) {
  const hits = [];
  for (const [rule, re] of RULES) if (re.test(text)) hits.push({ rule, where });
  return hits;
}

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(p);
    } else if (st.isFile() && st.size < 1_000_000) {
      files++;
      findings.push(...scanText(readFileSync(p, 'utf8'), relative(process.cwd(), p)));
    }
  }
}

for (const r of roots) walk(r);
const canary = `const config = { api_key: "${'Zx9'.repeat(6)}" };`;
const canaryCaught = scanText(canary, 'canary').length > 0;
log(`secrets scan: ${files} files in ${roots.join(', ')}; ${findings.length} finding(s); canary ${canaryCaught ? 'caught' : 'MISSED'}`);

const problems = findings.map((f) => `secret-like ${f.rule} in ${f.where}`);
if (!canaryCaught) problems.push('the scanner missed its planted canary');
const token = serviceToken();
const cfg = await http('GET', `${targetUrl()}/admin/config`, { headers: { authorization: `Bearer ${token}` } });
if (cfg.status !== 200) problems.push(`cannot read the target configuration (${cfg.status})`);
else {
  const c = cfg.json.config;
  if (c.auth?.required !== true) problems.push('config: auth.required is not true');
  if (!(c.rateLimit?.perClientPerSecond > 0)) problems.push('config: no per-client rate limit');
  if (!/^TLSv1\.[3-9]$/.test(c.tls?.minVersion ?? '')) problems.push(`config: tls.minVersion is ${c.tls?.minVersion}, expected TLSv1.3 or later`);
  if (cfg.text.includes(token)) problems.push('config: the service token is inlined in the configuration');
  if (!(cfg.json.policies?.destructiveTools?.length > 0)) problems.push('config: no destructive-tool policy');
}
writeJson(join(outDir('security'), 'secrets-config.json'), { files, roots, findings, canaryCaught, problems, ok: problems.length === 0 });
if (problems.length) {
  for (const p of problems) log(`  ${p}`);
  fail(`${problems.length} secrets/config problem(s)`);
}
ok('no secrets in the scanned trees; configuration valid (auth required, rate limits, TLS >= 1.3, no inline secrets)');
