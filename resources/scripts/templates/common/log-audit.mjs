// Audits the target's structured access log: every line parses, carries the
// required fields, and no user text reaches it (a unique marker is sent first).
//   node log-audit.mjs [--fields request_id,hashed_subject,waf_decision,plan_decision] [--log FILE]
// LOG_FILE (or --log) points at a real system's exported log; the default is the demo target's.
// Writes out/logs/log-audit.json; exits 1 on a missing field, a bad line or leaked user text.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { args, fail, http, log, ok, outDir, sleep, targetUrl, writeJson } from './lib.mjs';

const a = args();
const fields = String(a.fields ?? 'request_id,hashed_subject,waf_decision,plan_decision').split(',');
const file = resolve(String(a.log || process.env.LOG_FILE || join(process.env.DEMO_STATE_DIR || 'out/demo-target', 'access.jsonl')));
const base = targetUrl();
const marker = `user-text-marker-${randomUUID()}`;
const rid = `audit-${randomUUID()}`;

// Traffic that must be logged (and must not leak): a chat with user text, a 415, an authenticated call.
await http('POST', `${base}/api/chat`, { json: { message: `hi ${marker}` }, headers: { 'x-request-id': rid } });
await http('POST', `${base}/api/chat`, { body: marker, headers: { 'content-type': 'text/plain' } });
await sleep(200);
if (!existsSync(file)) fail(`no log at ${file}`);
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const problems = [];
let checked = 0;
for (const [i, line] of lines.entries()) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    problems.push(`line ${i + 1} is not JSON`);
    continue;
  }
  checked++;
  const missing = fields.filter((f) => entry[f] === undefined || entry[f] === '');
  if (missing.length) problems.push(`line ${i + 1} lacks ${missing.join(', ')}`);
}
if (lines.some((l) => l.includes(marker))) problems.push('user text found in the log');
if (!lines.some((l) => l.includes(rid))) problems.push('the audit request is not in the log (logging is not passive-complete)');
const report = { file, lines: lines.length, checked, fields, userTextLeaked: problems.includes('user text found in the log'), problems: problems.slice(0, 20), ok: problems.length === 0 };
writeJson(join(outDir('logs'), 'log-audit.json'), report);
if (problems.length) {
  for (const p of problems.slice(0, 10)) log(`  ${p}`);
  fail(`log audit: ${problems.length} problem(s)`);
}
ok(`log audit: ${checked} lines carry ${fields.join(', ')}; no user text in the log`);
