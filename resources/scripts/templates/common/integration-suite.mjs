// End-to-end integration tests against the target (run twice by the plan:
// `repeat: 2` + `junit` + `determinism: true` compares the runs test by test).
//   node integration-suite.mjs [--suite integration-tests]
// Writes out/junit/<suite>.xml and out/<suite>/attempt-N.json. Exits 1 when any test fails.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { args, http, serviceToken, targetUrl } from './lib.mjs';
import { check, expectStatus, runSuite } from './junit.mjs';

const a = args();
const suite = String(a.suite ?? 'integration-tests');
const base = targetUrl();
const token = serviceToken();
const auth = { authorization: `Bearer ${token}` };
const attempt = process.env.COCKPIT_ATTEMPT || '1';
const marker = `integration user text ${attempt}`;
const get = (p, headers) => http('GET', `${base}${p}`, { headers });
const post = (p, json, headers) => http('POST', `${base}${p}`, { json, headers });

const cases = [
  { name: 'health reports ok and a version', run: async () => {
    const r = expectStatus(await get('/health'), 200);
    check(r.json.status === 'ok', `status is ${r.json.status}`);
    return `version ${r.json.version}`;
  } },
  { name: 'database health is ok', run: async () => void expectStatus(await get('/db/health'), 200) },
  { name: 'version is semver', run: async () => {
    const r = expectStatus(await get('/version'), 200);
    check(/^\d+\.\d+\.\d+/.test(r.json.version), `"${r.json.version}" is not semver`);
  } },
  { name: 'metrics expose resident memory', run: async () => {
    const r = expectStatus(await get('/metrics'), 200);
    check(/^process_resident_memory_bytes \d+/m.test(r.text), 'no process_resident_memory_bytes');
  } },
  { name: 'whoami without a token is refused', run: async () => void expectStatus(await get('/auth/whoami'), 401) },
  { name: 'whoami with the service token returns a hashed subject', run: async () => {
    const r = expectStatus(await get('/auth/whoami', auth), 200);
    check(!r.text.includes(token), 'the token leaked into the response');
  } },
  { name: 'chat happy path is governed (200)', run: async () => {
    const r = expectStatus(await post('/api/chat', { message: 'hi' }, { 'x-client-id': `it-${attempt}` }), 200);
    check(r.json.governed === true, 'reply is not marked governed');
  } },
  { name: 'chat refuses text/plain (415)', run: async () => void expectStatus(await http('POST', `${base}/api/chat`, { body: 'hi', headers: { 'content-type': 'text/plain' } }), 415) },
  { name: 'chat refuses an empty message (400)', run: async () => void expectStatus(await post('/api/chat', { message: '' }), 400) },
  { name: 'chat refuses invalid JSON (400)', run: async () => void expectStatus(await http('POST', `${base}/api/chat`, { body: '{"message":', headers: { 'content-type': 'application/json' } }), 400) },
  { name: 'chat refuses an oversized body (413)', run: async () => void expectStatus(await post('/api/chat', { message: 'x'.repeat(20_000) }), 413) },
  { name: 'correlation id is echoed', run: async () => {
    const r = await http('GET', `${base}/health`, { headers: { 'x-request-id': `corr-${attempt}` } });
    check(r.headers.get('x-request-id') === `corr-${attempt}`, `got ${r.headers.get('x-request-id')}`);
  } },
  { name: 'session start and stop round trip', run: async () => {
    const s = expectStatus(await post('/session/start', {}), 200);
    expectStatus(await post('/session/stop', { sessionId: s.json.sessionId }), 200);
    expectStatus(await post('/session/stop', { sessionId: s.json.sessionId }), 404, 'second stop');
  } },
  { name: 'records write needs auth (401)', run: async () => void expectStatus(await post('/db/records', { key: 'it-noauth', value: 1 }), 401) },
  { name: 'records write then read back', run: async () => {
    expectStatus(await post('/db/records', { key: `it-${attempt}`, value: { n: 42 } }, auth), 200);
    const r = expectStatus(await get('/db/records', auth), 200);
    check(r.json.rows[`it-${attempt}`]?.value?.n === 42, 'written row not found');
  } },
  { name: 'non-destructive tool runs without approval', run: async () => void expectStatus(await post('/v1/action', { tool: 'echo', args: { text: 'hello' } }, auth), 200) },
  { name: 'destructive tool without approval is refused (403)', run: async () => {
    const r = expectStatus(await post('/v1/action', { tool: 'delete_file', args: { path: 'docs/readme.txt' } }, auth), 403);
    check(r.json.error === 'approval_required', `error ${r.json.error}`);
  } },
  { name: 'approved destructive tool runs once, and its approval cannot be replayed', run: async () => {
    const args = { path: 'docs/readme.txt' };
    const ap = expectStatus(await post('/v1/approvals', { tool: 'delete_file', args }, { ...auth, 'x-role': 'approver' }), 200, 'approval');
    expectStatus(await post('/v1/action', { tool: 'delete_file', args, approval: ap.json.approval }, auth), 200, 'first use');
    expectStatus(await post('/v1/action', { tool: 'delete_file', args, approval: ap.json.approval }, auth), 403, 'replay');
  } },
  { name: 'unknown route is 404', run: async () => void expectStatus(await get('/no/such/route'), 404) },
  { name: 'access log holds no user text', skip: process.env.TARGET_URL ? 'real target: check its log pipeline instead' : undefined, run: async () => {
    await post('/api/chat', { message: marker });
    const file = resolve(process.env.DEMO_STATE_DIR || 'out/demo-target', 'access.jsonl');
    check(existsSync(file), `no access log at ${file}`);
    await new Promise((r) => setTimeout(r, 100));
    check(!readFileSync(file, 'utf8').includes(marker), 'user text found in the access log');
  } },
];

const { failed } = await runSuite(suite, cases);
process.exit(failed === 0 ? 0 : 1);
