// Milestone P8.1, production-equivalence backend hardening:
//   scope-matrix   P8.1.1  the scope matrix is frozen (sha256 lock) and declares size, query classes, collations
//   differential   P8.1.2+3 high-cardinality + null/collation/numeric edge-case datasets: the service's
//                  answers must equal an independent reference implementation (JUnit; run twice)
//   report         P8.1.4+5 production-equivalence report: exclusions with risk labels, every risk on the roadmap
// Demo: the "backend" is the demo target's /api/query; the reference is computed here. For a real
// system, run the same query classes against each declared backend (sqlite/postgres/oracle) instead.
import { readFileSync } from 'node:fs';
import { args, fail, http, log, numEnv, ok, readJson, serviceToken, sha256File, targetUrl, writeJson } from '../common/lib.mjs';
import { check, runSuite } from '../common/junit.mjs';

const a = args();
const cmd = a._[0];

function scopeMatrix() {
  const [locked] = readFileSync('scope-matrix.lock', 'utf8').trim().split(/\s+/);
  const actual = sha256File('scope-matrix.json');
  const m = readJson('scope-matrix.json');
  const problems = [];
  if (actual !== locked) problems.push(`scope-matrix.json changed after it was frozen (sha256 ${actual.slice(0, 12)} != lock ${locked.slice(0, 12)})`);
  for (const k of ['dataSize', 'queryClasses', 'collations', 'locales', 'edgeCases']) if (!m[k] || (Array.isArray(m[k]) && !m[k].length)) problems.push(`scope matrix lacks ${k}`);
  writeJson('out/p8/scope-matrix.json', { frozen: m.frozen, sha256: actual, queryClasses: m.queryClasses, collations: m.collations, problems, ok: problems.length === 0 });
  if (problems.length) fail(problems.join('; '));
  ok(`scope matrix frozen on ${m.frozen} (sha256 ${actual.slice(0, 12)}): ${m.queryClasses.length} query classes, collations ${m.collations.join('/')}`);
}

/** Deterministic PRNG (mulberry32): the same dataset on every run and machine. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['alpha', 'Alpha', 'ALPHA', 'beta', 'Émile', 'emile', 'Zoë', 'zoe', 'Ångström', 'angstrom', 'delta', 'Delta', 'ß-straße', 'omega'];

function dataset(n, seed) {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const cents = Math.floor(r() * 2_000_000) - 500_000;
    const amount = r() < 0.05 ? null : `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
    return { key: `dp-${String(i).padStart(6, '0')}`, value: { group: r() < 0.02 ? null : `g${Math.floor(r() * 500)}`, name: r() < 0.03 ? null : `${NAMES[Math.floor(r() * NAMES.length)]}-${Math.floor(r() * 50)}`, amount } };
  });
}

const EDGE = [
  { key: 'e01', value: { group: null, name: null, amount: null } },
  { key: 'e02', value: { group: 'x', name: 'a', amount: '0.00' } },
  { key: 'e03', value: { group: 'x', name: 'A', amount: '-0.01' } },
  { key: 'e04', value: { group: 'y', name: 'é', amount: '99999999.99' } },
  { key: 'e05', value: { group: 'y', name: 'e', amount: '-99999999.99' } },
  { key: 'e06', value: { group: 'y', name: 'Z', amount: '0.10' } },
  { key: 'e07', value: { group: '', name: '', amount: '1' } },
  { key: 'e08', value: { group: 'x', name: 'a', amount: null } },
];

/** The reference implementation, written independently of the service's engine. */
const reference = {
  count_by_group: (rows) => rows.reduce((m, r) => ((m[r.group ?? '(null)'] = (m[r.group ?? '(null)'] ?? 0) + 1), m), {}),
  sum_amount: (rows) => {
    let c = 0n;
    for (const r of rows) {
      const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(r.amount ?? '');
      if (!m) continue;
      const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
      c += m[1] ? -v : v;
    }
    const neg = c < 0n;
    const abs = neg ? -c : c;
    return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  },
  null_count: (rows) => rows.filter((r) => r.amount == null).length,
  sort_names: (rows, collation) => {
    const collator = new Intl.Collator('en');
    const units = (x, y) => {
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x.charCodeAt(i) !== y.charCodeAt(i)) return x.charCodeAt(i) - y.charCodeAt(i);
      return x.length - y.length;
    };
    const cmp = collation === 'en' ? collator.compare : units;
    const named = rows.filter((r) => r.name != null).sort((x, y) => cmp(x.name, y.name) || units(x.key, y.key));
    const unnamed = rows.filter((r) => r.name == null).sort((x, y) => units(x.key, y.key));
    return [...named, ...unnamed].map((r) => r.key);
  },
};

async function differential() {
  const base = targetUrl();
  const auth = { authorization: `Bearer ${serviceToken()}` };
  const n = numEnv('DIFF_ROWS', Number(a.rows ?? 2000), { min: 10, max: 100_000 });
  const sets = { parity_large: dataset(n, 8), parity_edge: EDGE };
  for (const [table, rows] of Object.entries(sets)) {
    for (let i = 0; i < rows.length; i += 400) {
      // 400 rows per request keeps each body well under the target's 64 KB limit.
      const r = await http('POST', `${base}/db/${table}`, { json: { rows: rows.slice(i, i + 400) }, headers: auth });
      if (r.status !== 200) fail(`loading ${table} failed: ${r.status} ${r.json?.error ?? r.error ?? ''}`);
    }
    log(`loaded ${rows.length} rows into ${table}`);
  }
  const cases = [];
  for (const [table, rows] of Object.entries(sets)) {
    const flat = rows.map((r) => ({ key: r.key, ...r.value }));
    for (const [op, collation] of [['count_by_group'], ['sum_amount'], ['null_count'], ['sort_names', 'binary'], ['sort_names', 'en']]) {
      cases.push({
        classname: `parity.${table}`,
        name: `${op}${collation ? ` (${collation} collation)` : ''} matches the reference`,
        run: async () => {
          const r = await http('POST', `${base}/api/query`, { json: { table, op, collation }, headers: auth });
          check(r.status === 200, `service answered ${r.status}`);
          const want = JSON.stringify(reference[op](flat, collation));
          const got = JSON.stringify(r.json.result);
          check(got === want, `service ${got.slice(0, 60)}… != reference ${want.slice(0, 60)}…`);
          return `${flat.length} rows`;
        },
      });
    }
  }
  const { failed } = await runSuite('differential-parity', cases);
  process.exit(failed ? 1 : 0);
}

function report() {
  const diff = readJson('out/differential-parity/differential-parity.json');
  const reg = readJson('risk-register.json');
  const scope = readJson('scope-matrix.json');
  const problems = [];
  for (const id of scope.exclusions) {
    const ex = reg.exclusions.find((e) => e.id === id);
    if (!ex) problems.push(`exclusion ${id} of the scope matrix is not in the risk register`);
    else if (!ex.risk || !ex.roadmap) problems.push(`exclusion ${id} lacks a risk label or a roadmap item`);
  }
  for (const r of reg.risks) if (!r.label || !r.roadmap) problems.push(`risk ${r.id} is not converted into a roadmap item`);
  if (diff.failed) problems.push(`${diff.failed} differential test(s) failing: equivalence not shown`);
  const out = { envelope: { queryClasses: scope.queryClasses, collations: scope.collations }, parity: { tests: diff.tests, passed: diff.passed }, exclusions: reg.exclusions, risks: reg.risks, problems, ok: problems.length === 0 };
  writeJson('out/p8/production-equivalence-report.json', out);
  if (problems.length) fail(problems.join('; '));
  ok(`production-equivalence report: ${diff.passed}/${diff.tests} parity tests, ${reg.exclusions.length} explicit exclusions with risk labels, ${reg.risks.length + reg.exclusions.length} roadmap items`);
}

const commands = { 'scope-matrix': scopeMatrix, differential, report };
if (!commands[cmd]) fail(`usage: equivalence.mjs ${Object.keys(commands).join('|')}`, 2);
await commands[cmd]();
