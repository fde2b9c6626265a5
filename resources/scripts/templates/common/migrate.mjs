// Schema migration drill on a backup copy (never on live data):
//   back up -> upgrade v1 -> v2 (dry run first) -> start a service on v2 -> downgrade v2 -> v1
//   checks: coverage (every row migrated), state-map safety (no row lost or invented),
//   rollback readiness (downgrade(upgrade(x)) == x, by logical digest), service healthy on v2.
//   node migrate.mjs [--table records]
// Writes out/migration/migration-report.json; exits 1 on any integrity failure.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { args, fail, http, log, ok, outDir, serviceToken, targetUrl, writeJson } from './lib.mjs';
import { canonical, TableStore } from './demo/store.mjs';
import { startInstance } from './instance.mjs';

const a = args();
const table = String(a.table ?? 'records');
const base = targetUrl();
const auth = { authorization: `Bearer ${serviceToken()}` };
const dir = outDir('migration');
const digest = (tables) => createHash('sha256').update(canonical(tables)).digest('hex');
const report = { drill: 'schema-migration', table, at: new Date().toISOString(), steps: [], ok: false };
const stopWith = (msg) => {
  report.error = msg;
  writeJson(join(dir, 'migration-report.json'), report);
  fail(msg);
};

/** v1 row value {n, check} -> v2 {schema: 2, n, checksum}; other values are wrapped, never dropped. */
const up = (v) => (v && typeof v === 'object' && 'check' in v ? { schema: 2, n: v.n, checksum: v.check } : { schema: 2, legacy: v ?? null });
const down = (v) => (v && 'checksum' in v ? { n: v.n, check: v.checksum } : (v?.legacy ?? null));

function load(stateDir) {
  const s = new TableStore(join(stateDir, 'data'));
  s.close();
  return s;
}

function save(stateDir, tables, seq) {
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(join(stateDir, 'data'), { recursive: true });
  writeFileSync(join(stateDir, 'data', 'db.json'), JSON.stringify({ seq, tables }));
}

// Seed a few v1 rows so the drill always has something to migrate.
const seed = Array.from({ length: 25 }, (_, i) => ({ key: `mig-${i}`, value: { n: i, check: `c${i * 31}` } }));
if ((await http('POST', `${base}/db/${table}`, { json: { rows: seed }, headers: auth })).status !== 200) stopWith('could not seed v1 rows');
const b = await http('POST', `${base}/admin/backup`, { json: {}, headers: auth });
if (b.status !== 200) stopWith(`backup before migration failed: ${b.status}`);
const v1Dir = join(dir, 'v1');
rmSync(v1Dir, { recursive: true, force: true });
cpSync(b.json.dir, join(v1Dir, 'data'), { recursive: true });
const v1 = load(v1Dir);
const rows = v1.rows(table);
const n = Object.keys(rows).length;
report.steps.push({ step: 'backup', rows: n, digest: v1.digest() });
ok(`backed up before migrating: ${n} ${table} rows (digest ${v1.digest().slice(0, 12)})`);

// Dry run: what would change, without writing.
const plan = Object.entries(rows).map(([k, r]) => ({ key: k, from: r.value, to: up(r.value) }));
const legacy = plan.filter((p) => 'legacy' in p.to).length;
log(`dry run: ${plan.length} rows to upgrade (${legacy} wrapped as legacy values), no writes`);
report.steps.push({ step: 'dry-run', rows: plan.length, legacy });

// Upgrade on a copy.
const v2Tables = { ...v1.tables, [table]: Object.fromEntries(plan.map((p) => [p.key, { ...rows[p.key], value: p.to }])) };
const v2Dir = join(dir, 'v2');
save(v2Dir, v2Tables, v1.seq);
const v2 = load(v2Dir);
const migrated = Object.values(v2.rows(table)).filter((r) => r.value?.schema === 2).length;
if (migrated !== n) stopWith(`coverage: ${migrated} of ${n} rows migrated`);
if (Object.keys(v2.rows(table)).length !== n) stopWith('state-map safety: row count changed in the upgrade');
report.steps.push({ step: 'upgrade', rows: migrated, digest: v2.digest() });
ok(`upgrade v1 -> v2: ${migrated}/${n} rows migrated, none lost or invented`);

// The service must start and read on v2.
const inst = await startInstance({ stateDir: v2Dir, env: { DEMO_SERVICE_TOKEN: 'migration-drill-token' } }).catch((e) => stopWith(`service does not start on v2 data: ${e.message}`));
const read = await http('GET', `${inst.url}/db/${table}`, { headers: { authorization: 'Bearer migration-drill-token' } });
await inst.stop();
if (read.status !== 200 || Object.keys(read.json.rows).length !== n) stopWith(`v2 data not readable by the service (${read.status})`);
ok('service starts on v2 data and reads every row');

// Rollback readiness: downgrade and compare with the original by logical digest.
const v1Again = { ...v2.tables, [table]: Object.fromEntries(Object.entries(v2.rows(table)).map(([k, r]) => [k, { ...r, value: down(r.value) }])) };
const same = digest(v1Again) === v1.digest();
report.steps.push({ step: 'downgrade', digest: digest(v1Again), matchesOriginal: same });
if (!same) stopWith('rollback readiness: downgrade(upgrade(data)) differs from the original');
ok('downgrade v2 -> v1 restores the original exactly (same digest)');

report.ok = true;
writeJson(join(dir, 'migration-report.json'), report);
if (!existsSync(join(dir, 'migration-report.json'))) fail('report not written');
ok('migration drill PASSED');
