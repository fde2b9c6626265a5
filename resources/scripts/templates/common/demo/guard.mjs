// The demo target's server-side defences, so the adversarial suites have
// something real to attack: bearer/service tokens, one-time approval tokens
// bound to a tool and its arguments, a command allowlist, a path sandbox that
// resolves symlinks, a tiny WAF and per-client rate limits.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { canonical } from './store.mjs';

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

function sameSecret(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The service token: from DEMO_SERVICE_TOKEN, else random per start, written 0600 for the drills to read. */
export class ServiceTokens {
  constructor(file, initial) {
    this.file = file;
    this.current = initial || randomBytes(24).toString('base64url');
    this.save();
  }

  save() {
    writeFileSync(this.file, this.current, { mode: 0o600 });
    chmodSync(this.file, 0o600);
  }

  rotate() {
    this.current = randomBytes(24).toString('base64url');
    this.save();
    return this.current;
  }

  /** The presented token (Authorization: Bearer or X-Service-Token), or undefined. */
  presented(req) {
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && /^Bearer [A-Za-z0-9._~+/=-]+$/.test(auth)) return auth.slice(7);
    const svc = req.headers['x-service-token'];
    return typeof svc === 'string' ? svc : undefined;
  }

  check(req) {
    const t = this.presented(req);
    return t !== undefined && sameSecret(t, this.current);
  }

  /** What the logs may hold about a caller: a hash, never the token. */
  subjectOf(req) {
    const t = this.presented(req);
    return t ? sha256(`subject:${t}`).slice(0, 16) : 'anonymous';
  }
}

/** One-time approvals: HMAC over tool + canonical args + nonce + expiry. */
export class Approvals {
  constructor() {
    this.key = randomBytes(32);
    this.used = new Set();
  }

  argsHash(args) {
    return sha256(canonical(args ?? {}));
  }

  issue(tool, args, ttlMs = 60_000) {
    const body = Buffer.from(JSON.stringify({ tool, args: this.argsHash(args), nonce: randomBytes(8).toString('hex'), exp: Date.now() + ttlMs })).toString('base64url');
    return `${body}.${createHmac('sha256', this.key).update(body).digest('base64url')}`;
  }

  /** Returns an error code, or null when the approval is valid (and consumes it). */
  verify(token, tool, args) {
    if (typeof token !== 'string' || !token.includes('.')) return 'approval_required';
    const [body, mac] = token.split('.', 2);
    const expected = createHmac('sha256', this.key).update(body).digest('base64url');
    if (!sameSecret(mac, expected)) return 'approval_invalid_signature';
    let claim;
    try {
      claim = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return 'approval_malformed';
    }
    if (claim.tool !== tool) return 'approval_wrong_tool';
    if (claim.args !== this.argsHash(args)) return 'approval_wrong_args';
    if (claim.exp < Date.now()) return 'approval_expired';
    if (this.used.has(claim.nonce)) return 'approval_replayed';
    this.used.add(claim.nonce);
    return null;
  }
}

export const DESTRUCTIVE_TOOLS = ['delete_file', 'shell', 'drop_table'];
export const COMMAND_ALLOWLIST = ['ls', 'cat', 'echo', 'uptime', 'df'];
const SHELL_META = /[;&|`$<>\\\n\r(){}*?!#~]/;

/** null when the command is allowed, else an error code. The demo never executes it. */
export function commandProblem(command) {
  if (typeof command !== 'string' || command.trim() === '') return 'command_missing';
  if (SHELL_META.test(command)) return 'command_metacharacters';
  const word = command.trim().split(/\s+/)[0];
  if (!COMMAND_ALLOWLIST.includes(word)) return 'command_not_allowlisted';
  return null;
}

/** Resolves a user path inside the sandbox (following symlinks), or returns an error code. */
export function sandboxPath(root, userPath) {
  if (typeof userPath !== 'string' || userPath === '') return { error: 'path_missing' };
  let p = userPath;
  try {
    p = decodeURIComponent(userPath);
  } catch {
    return { error: 'path_malformed' };
  }
  if (p.includes('\0')) return { error: 'path_nul_byte' };
  if (isAbsolute(p)) return { error: 'path_absolute' };
  const lexical = resolve(root, p);
  const rel = relative(root, lexical);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { error: 'path_traversal' };
  if (!existsSync(lexical)) return { error: 'path_not_found' };
  const real = realpathSync(lexical);
  const realRoot = realpathSync(root);
  const realRel = relative(realRoot, real);
  if (realRel === '..' || realRel.startsWith(`..${sep}`) || isAbsolute(realRel)) return { error: 'path_symlink_escape' };
  return { path: real };
}

const WAF_RULES = [
  ['xss', /<\s*script/i],
  ['sqli', /('|%27)\s*(or|and)\s+\d+\s*=\s*\d+/i],
  ['sqli-union', /\bunion\s+(all\s+)?select\b/i],
  ['traversal', /\.\.[\\/]/],
  ['jndi', /\$\{\s*jndi:/i],
];

/** The WAF decision for a request text: { decision: 'allow' | 'block', rule }. */
export function waf(text) {
  for (const [rule, re] of WAF_RULES) if (re.test(text)) return { decision: 'block', rule };
  return { decision: 'allow', rule: null };
}

/** Fixed one-second windows per key. */
export class RateLimiter {
  constructor(perSecond) {
    this.perSecond = perSecond;
    this.windows = new Map();
  }

  allow(key) {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= 1000) {
      w = { start: now, n: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.windows.clear(); // bounded memory under key floods
      this.windows.set(key, w);
    }
    w.n++;
    return w.n <= this.perSecond;
  }
}
