// Checks of the Phase 16 scaling & upgrade protocol that read files and the target:
//   parity      staging vs production: only secrets/keys, domains and capacity caps may differ
//   locks       carry-forward locks + invalidation triggers: cognition files unchanged (sha256 lock),
//               only the allowed tables exist, observability is passive (no user text)
//   classify    every change declares class, surfaces, evidence and rollback; Class C is forbidden;
//               Class B needs a canary and a kill switch
//   whoami      /auth/whoami OK with the service token (SERVICE_TOKEN secret for a real system)
//   promotion   Option B: the candidate is a fast-forward of `release` and was staging-tested
//   ready       the release-ready verdict over everything above (out/release-ready.json)
// Each writes out/protocol/<check>.json and exits 1 when the protocol is violated.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { args, bad, fail, http, log, ok, outDir, readJson, serviceToken, sha256File, targetUrl, writeJson } from '../common/lib.mjs';

const a = args();
const cmd = a._[0];
const report = (name, data) => writeJson(join(outDir('protocol'), `${name}.json`), { check: name, at: new Date().toISOString(), ...data });
const verdict = (name, problems, data, okMsg) => {
  report(name, { ...data, problems, ok: problems.length === 0 });
  if (problems.length) {
    for (const p of problems) bad(p);
    fail(`${name}: ${problems.length} violation(s)`);
  }
  ok(okMsg);
};

/** Leaf paths of a JSON value: [['waf.mode', 'block'], ...]. */
function leaves(v, prefix = '') {
  if (v && typeof v === 'object' && !Array.isArray(v)) return Object.entries(v).flatMap(([k, x]) => leaves(x, prefix ? `${prefix}.${k}` : k));
  return [[prefix, JSON.stringify(v)]];
}

const checks = {
  parity() {
    const staging = readJson(String(a.staging ?? 'environments/staging.json'));
    const prod = readJson(String(a.production ?? 'environments/production.json'));
    const allowed = ['environment', 'domains', 'secrets', 'capacity'];
    const s = new Map(leaves(staging));
    const p = new Map(leaves(prod));
    const keys = [...new Set([...s.keys(), ...p.keys()])].sort();
    const diffs = keys.filter((k) => s.get(k) !== p.get(k));
    const allowedDiffs = diffs.filter((k) => allowed.includes(k.split('.')[0]));
    const problems = diffs.filter((k) => !allowedDiffs.includes(k)).map((k) => `parity: ${k} differs (staging ${s.get(k) ?? 'absent'}, production ${p.get(k) ?? 'absent'})`);
    for (const k of allowedDiffs) log(`  allowed difference: ${k}`);
    verdict('parity', problems, { compared: keys.length, allowedDiffs }, `staging and production match on ${keys.length - allowedDiffs.length} settings (WAF, plan guard, identity, DB schema, observability); ${allowedDiffs.length} allowed differences`);
  },

  async locks() {
    const lock = readJson('cognition.lock.json');
    const problems = [];
    for (const [file, digest] of Object.entries(lock.files)) {
      if (!existsSync(file)) problems.push(`invalidation trigger: locked file ${file} is missing`);
      else if (sha256File(file) !== digest) problems.push(`invalidation trigger: ${file} changed (cognition/prompt/schema/routing change)`);
      else log(`  locked ${file} unchanged`);
    }
    const allowedTables = ['sessions', 'quotas', 'rate_limits', 'invocation_logs'];
    const t = await http('GET', `${targetUrl()}/db/tables`);
    if (t.status !== 200) problems.push(`cannot list tables (${t.status})`);
    const extra = (t.json?.tables ?? []).filter((x) => !allowedTables.includes(x));
    if (extra.length) problems.push(`storage boundary: tables beyond the allowed set: ${extra.join(', ')}`);
    log(`  tables: ${(t.json?.tables ?? []).join(', ') || '(none yet)'}; allowed: ${allowedTables.join(', ')}`);
    verdict('locks', problems, { locked: Object.keys(lock.files), tables: t.json?.tables ?? [] }, 'carry-forward locks hold: cognition surface unchanged, storage within the allowed tables');
  },

  classify() {
    const { changes } = readJson(String(a.changes ?? 'changes.json'));
    const problems = [];
    for (const c of changes) {
      const where = `${c.id} "${c.title}"`;
      for (const f of ['class', 'surfaces', 'evidence', 'rollback']) if (!c[f] || (Array.isArray(c[f]) && c[f].length === 0)) problems.push(`${where}: no ${f} declared`);
      if (c.class === 'C') problems.push(`${where}: Class C (cognition/personalization/raw-content logging) is forbidden in Phase 16`);
      else if (!['A', 'B'].includes(c.class)) problems.push(`${where}: unknown class "${c.class}"`);
      if (c.class === 'B' && !c.canary) problems.push(`${where}: Class B requires a canary`);
      if (c.class === 'B' && !c.killSwitch) problems.push(`${where}: Class B affects traffic/cost and requires a kill switch`);
      if (c.class === 'B' && !(c.evidence ?? []).includes('staging drill subset')) problems.push(`${where}: Class B requires a staging drill subset`);
      if (!problems.some((p) => p.startsWith(c.id))) log(`  ${c.id} class ${c.class}: ${c.title}`);
    }
    verdict('classify', problems, { changes: changes.map((c) => ({ id: c.id, class: c.class })) }, `${changes.length} change(s) classified with surfaces, evidence and rollback plans; no Class C`);
  },

  async whoami() {
    const r = await http('GET', `${targetUrl()}/auth/whoami`, { headers: { authorization: `Bearer ${serviceToken()}` } });
    const problems = r.status === 200 && r.json?.subject ? [] : [`/auth/whoami answered ${r.status || r.error}`];
    verdict('whoami', problems, { status: r.status, subject: r.json?.subject }, `/auth/whoami OK (hashed subject ${r.json?.subject})`);
  },

  promotion() {
    const problems = [];
    let info;
    if (process.env.PROMOTION_REPO) {
      const git = (...x) => execFileSync('git', ['-C', process.env.PROMOTION_REPO, ...x], { encoding: 'utf8' }).trim();
      const release = git('rev-parse', process.env.PROMOTION_RELEASE_REF || 'release');
      const candidate = git('rev-parse', process.env.PROMOTION_CANDIDATE_REF || 'main');
      let ff = true;
      try {
        git('merge-base', '--is-ancestor', release, candidate);
      } catch {
        ff = false;
      }
      const evidence = process.env.PROMOTION_EVIDENCE_DIR || 'staging-evidence';
      const tested = existsSync(evidence) ? readdirSync(evidence).some((f) => f.startsWith(candidate.slice(0, 7))) : false;
      info = { release, candidate, fastForward: ff, stagingTested: tested };
    } else {
      const h = readJson('history.json');
      const idx = (c) => h.main.indexOf(c);
      const ffHistory = h.releaseHistory.every((c, i) => i === 0 || idx(c) > idx(h.releaseHistory[i - 1]));
      info = { release: h.release, candidate: h.candidate, fastForward: idx(h.candidate) > idx(h.release) && idx(h.release) >= 0, stagingTested: Boolean(h.stagingTested[h.candidate]), releaseHistoryFastForwardOnly: ffHistory };
      if (!ffHistory) problems.push('release history contains a non fast-forward move (a direct prod deploy)');
    }
    if (!info.fastForward) problems.push(`candidate ${info.candidate} is not a fast-forward of release ${info.release}`);
    if (!info.stagingTested) problems.push(`candidate ${info.candidate} has no staging drill evidence`);
    verdict('promotion', problems, info, `promotion model B: ${info.candidate} fast-forwards release ${info.release} and was staging-tested`);
  },

  ready() {
    const needed = ['parity', 'locks', 'classify', 'whoami', 'promotion'];
    const problems = [];
    const results = {};
    for (const n of needed) {
      const r = readJson(`out/protocol/${n}.json`, { ok: false, problems: ['not run'] });
      results[n] = r.ok;
      if (!r.ok) problems.push(`${n}: ${r.problems?.join('; ')}`);
    }
    for (const [n, f, pass] of [
      ['log fields', 'out/logs/log-audit.json', (j) => j.ok],
      ['SLO measurement', 'out/slo/slo-summary.json', (j) => j.verdict === 'PASS'],
      ['canary + kill switch', 'out/canary/canary.json', (j) => j.ok],
      ['rollback drill', 'out/rollback/rollback-drill.json', (j) => j.ok],
    ]) {
      const j = readJson(f, { missing: true });
      results[n] = !j.missing && pass(j);
      if (!results[n]) problems.push(`${n}: ${j.missing ? `missing ${f}` : 'not passing'}`);
    }
    writeJson('out/release-ready.json', { gate: 'Evidence Checklist (Release-Ready Gate)', at: new Date().toISOString(), results, problems, ok: problems.length === 0 });
    if (problems.length) {
      for (const p of problems) bad(p);
      fail('not release-ready');
    }
    ok('release-ready: evidence checklist complete, protocol checks pass');
  },
};

if (!checks[cmd]) fail(`usage: protocol.mjs ${Object.keys(checks).join('|')}`, 2);
await checks[cmd]();
