// Milestone P8.4, governance gate for Phase 9: status follows artifacts, not narrative.
//   exit-checklist  P8.4.1+2  every checklist item P8.1-P8.3 maps to artifacts that exist and pass
//   criticals       P8.4.3    the unresolved-criticals register is empty, or each entry is deferred with owner + date
//   drift           P8.4.4    the status document (PHASE8.md) claims nothing the artifacts do not show
//   unblock         P8.4.5    Phase 9 is unblocked only when every checklist item passes
// Artifacts are the out/ files the earlier gates wrote; the map is exit-map.json.
import { existsSync, readFileSync } from 'node:fs';
import { args, bad, fail, log, ok, readJson, writeJson } from '../common/lib.mjs';

const a = args();
const cmd = a._[0];
const map = readJson('exit-map.json');
const passes = (j) => j.ok === true || j.verdict === 'PASS' || (typeof j.failed === 'number' && j.failed === 0 && j.tests > 0);

/** { pass, artifacts: [{ path, exists, pass }] } for one checklist item. */
function item(id) {
  const artifacts = (map.items[id] ?? []).map((p) => {
    if (!existsSync(p)) return { path: p, exists: false, pass: false };
    let j;
    try {
      j = JSON.parse(readFileSync(p, 'utf8'));
    } catch {
      return { path: p, exists: true, pass: false };
    }
    return { path: p, exists: true, pass: passes(j) };
  });
  return { pass: artifacts.length > 0 && artifacts.every((x) => x.pass), artifacts };
}

const phaseItems = (prefixes) => Object.keys(map.items).filter((id) => prefixes.some((p) => id.startsWith(p)));

function exitChecklist() {
  const items = Object.fromEntries(phaseItems(['P8.1', 'P8.2', 'P8.3']).map((id) => [id, item(id)]));
  const failing = Object.entries(items).filter(([, v]) => !v.pass).map(([id]) => id);
  for (const [id, v] of Object.entries(items)) (v.pass ? ok : bad)(`${id}: ${v.artifacts.map((x) => `${x.path}${x.exists ? '' : ' (missing)'}`).join(', ')}`);
  const criteria = Object.fromEntries(Object.entries(map.exitCriteria).map(([c, ids]) => [c, ids.filter((i) => items[i]).every((i) => items[i].pass)]));
  writeJson('out/p8/exit-checklist.json', { items, criteria, failing, ok: failing.length === 0 });
  if (failing.length) fail(`required gates not green: ${failing.join(', ')}`);
  ok(`exit checklist: ${Object.keys(items).length} items mapped to passing artifacts (production-equivalence, resilience, ergonomics safety)`);
}

function criticals() {
  const reg = readJson(String(a.register ?? 'criticals-register.json'));
  const today = new Date().toISOString().slice(0, 10);
  const problems = [];
  for (const c of reg.criticals) {
    if (c.status === 'resolved') continue;
    if (c.status !== 'deferred') problems.push(`${c.id} "${c.title}" is unresolved and not deferred`);
    else if (!c.owner || !c.deferredUntil) problems.push(`${c.id} is deferred without an owner and a date`);
    else if (c.deferredUntil < today) problems.push(`${c.id} deferral expired on ${c.deferredUntil}`);
    else log(`  ${c.id} deferred to ${c.deferredUntil} by ${c.owner}: ${c.reason}`);
  }
  writeJson('out/p8/criticals.json', { open: reg.criticals.filter((c) => c.status !== 'resolved').length, problems, ok: problems.length === 0 });
  if (problems.length) fail(problems.join('; '));
  ok(`criticals register: ${reg.criticals.length === 0 ? 'empty' : 'every open critical explicitly deferred with owner and date'}`);
}

function drift() {
  const doc = String(a.doc ?? 'PHASE8.md');
  const lines = readFileSync(doc, 'utf8').split('\n');
  const claims = [];
  for (const [i, line] of lines.entries()) {
    const m = /^\s*[-*] \[( |x|X)\] (?:(P8\.\d\.\d)\b)?\s*(.*)$/.exec(line);
    if (!m) continue;
    const checked = m[1] !== ' ';
    const ids = m[2] ? [m[2]] : (map.exitCriteria[m[3].trim()] ?? []);
    if (ids.length === 0) continue;
    const evidence = ids.map((id) => ({ id, ...item(id) }));
    claims.push({ line: i + 1, text: (m[2] ?? m[3]).slice(0, 70), checked, pass: evidence.every((e) => e.pass), ids });
  }
  const drifted = claims.filter((c) => c.checked && !c.pass);
  const lagging = claims.filter((c) => !c.checked && c.pass);
  for (const c of drifted) bad(`${doc}:${c.line}: "${c.text}" is ticked but its artifacts do not pass (${c.ids.join(', ')})`);
  for (const c of lagging) log(`  ${doc}:${c.line}: "${c.text}" passes but is not ticked yet (the document lags; not drift)`);
  writeJson('out/p8/status-drift.json', { doc, claims: claims.length, drifted, lagging: lagging.map((c) => c.text), ok: drifted.length === 0 });
  if (drifted.length) fail(`status drift: ${drifted.length} item(s) claimed done without artifact truth`);
  ok(`no status drift: ${claims.filter((c) => c.checked).length} ticked item(s) backed by passing artifacts, ${lagging.length} ready to tick`);
}

function unblock() {
  const all = Object.fromEntries(phaseItems(['P8.1', 'P8.2', 'P8.3', 'P8.4.1', 'P8.4.2', 'P8.4.3', 'P8.4.4']).map((id) => [id, item(id).pass]));
  const failing = Object.entries(all).filter(([, v]) => !v).map(([id]) => id);
  writeJson('out/phase-9-unblock.json', { phase9: failing.length ? 'BLOCKED' : 'UNBLOCKED', items: all, failing, ok: failing.length === 0 });
  if (failing.length) fail(`Phase 9 stays BLOCKED: ${failing.join(', ')}`);
  ok(`Phase 9 UNBLOCKED: all ${Object.keys(all).length} checklist items pass`);
}

const commands = { 'exit-checklist': exitChecklist, criticals, drift, unblock };
if (!commands[cmd]) fail(`usage: governance.mjs ${Object.keys(commands).join('|')}`, 2);
commands[cmd]();
