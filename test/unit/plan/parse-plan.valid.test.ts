import { createHash, generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../electron/core/plan/parse-plan';
import type { Plan } from '../../../electron/core/plan/types';

function newKey(): { text: string; raw: Buffer } {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { text: `ed25519:${raw.toString('base64')}`, raw };
}

const ada = newKey();
const rui = newKey();
const FILE = path.resolve('/plans/sonia/release.yaml');
const DIR = path.dirname(FILE);

/** The DESIGN.md example, with real keys (Ada's unquoted, as people write it). */
const designPlan = `version: 1
release: sonia-stack
candidate: release-candidate-1      # the tag the ceremony creates
repo: .                             # git repo to tag, relative to this file
signers:                            # trust root: who may sign, in which roles
  - { name: Ada Ops, key: ${ada.text}, roles: [operations] }
  - { name: Rui QA,  key: "${rui.text}", roles: [qa, security-reviewer] }
waivers: { roles: [security-reviewer] }  # who may waive a failed gate, until it expires
ceremony: { roles: [release-manager] }   # who signs the final bundle; this is the default
hosts:
  soak-box: { ssh: ops@soak-01, port: 22, cwd: /srv/sonia }
gates:
  - id: go-no-go
    title: Go/No-Go startup reliability
    run: ./scripts/start-stop-cycle.sh
    repeat: 10                      # 10 attempts, every one must pass
    timeout: 10m
    evidence: [artifacts/go-no-go-summary.json]
    signoff: { roles: [operations], quorum: 1 }
  - id: soak
    needs: [go-no-go]
    on: soak-box                    # default: local
    durable: true                   # survives app restart; reattaches
    run: ./scripts/soak.sh --hours 48
    timeout: 50h
    metrics:
      scrape: { url: http://127.0.0.1:9100/metrics, every: 60s }
    thresholds:
      http_req_failed:   ["rate < 0.005"]
      http_req_duration: ["p(95) < 200", { threshold: "p(99) < 400", abortOnFail: true }]
      process_resident_memory_bytes: ["slope < 5MB/h"]
    signoff: { roles: [operations], quorum: 1 }
  - id: determinism
    run: npm test -- --reporter=junit
    repeat: 2
    junit: reports/*.xml            # runs compared test by test
    determinism: true
  - id: health-evidence
    probe:                          # built-in HTTP checks, no script needed
      - { get: http://127.0.0.1:8080/health, expect: 200 }
      - { post: http://127.0.0.1:8080/api/chat, contentType: text/plain, expect: 415 }
      - { burst: { post: http://127.0.0.1:8080/api/chat, count: 200 }, expect: { some: 429, none: 5xx } }
checklist:                          # optional: status document items -> gates
  doc: docs/PHASE_3.md
  items: { "Gate 1": go-no-go, "Gate 2": soak }
`;

function mustParse(text: string, file = FILE): Plan {
  const r = parsePlan(text, file);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  return r.plan;
}

const gate = (plan: Plan, id: string) => plan.gates.find((g) => g.id === id)!;

describe('parsePlan: the DESIGN.md example', () => {
  const plan = mustParse(designPlan);

  it('reads the plan header and resolves paths against the plan directory', () => {
    expect(plan).toMatchObject({ file: FILE, dir: DIR, version: 1, release: 'sonia-stack', candidate: 'release-candidate-1', repo: DIR });
    expect(plan.source).toBe(designPlan);
    expect(plan.digest).toBe(createHash('sha256').update(Buffer.from(designPlan, 'utf8')).digest('hex'));
    expect(plan.waivers).toEqual({ roles: ['security-reviewer'] });
    expect(plan.ceremony).toEqual({ roles: ['release-manager'] });
    expect(plan.checklist).toEqual({ doc: path.join(DIR, 'docs/PHASE_3.md'), items: { 'Gate 1': 'go-no-go', 'Gate 2': 'soak' } });
  });

  it('decodes signer keys and computes key ids', () => {
    expect(plan.signers.map((s) => s.name)).toEqual(['Ada Ops', 'Rui QA']);
    const [a, r] = plan.signers;
    expect(a.key).toBe(ada.text);
    expect(Buffer.from(a.publicKey).equals(ada.raw)).toBe(true);
    expect(a.keyId).toBe(createHash('sha256').update(ada.raw).digest('hex'));
    expect(r.keyId).toBe(createHash('sha256').update(rui.raw).digest('hex'));
    expect(r.roles).toEqual(['qa', 'security-reviewer']);
    expect(a.pos).toEqual({ line: 6, col: 5 });
  });

  it('reads hosts', () => {
    expect(plan.hosts['soak-box']).toMatchObject({ name: 'soak-box', ssh: 'ops@soak-01', port: 22, cwd: '/srv/sonia' });
  });

  it('normalises a local gate with defaults filled in', () => {
    const g = gate(plan, 'go-no-go');
    expect(g).toMatchObject({
      title: 'Go/No-Go startup reliability',
      needs: [],
      durable: false,
      run: './scripts/start-stop-cycle.sh',
      cwd: DIR,
      env: {},
      repeat: 10,
      timeoutMs: 600_000,
      graceMs: 5_000,
      evidence: ['artifacts/go-no-go-summary.json'],
      thresholds: [],
      signoff: { roles: ['operations'], quorum: 1 },
      determinism: false,
      pos: { line: 13, col: 5 },
    });
    expect(g.on).toBeUndefined();
    expect(g.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('normalises the remote soak gate: host cwd, metrics and thresholds', () => {
    const g = gate(plan, 'soak');
    expect(g).toMatchObject({ title: 'soak', needs: ['go-no-go'], on: 'soak-box', durable: true, cwd: '/srv/sonia', timeoutMs: 50 * 3_600_000 });
    expect(g.metrics).toEqual({ scrape: { url: 'http://127.0.0.1:9100/metrics', everyMs: 60_000 } });
    const th = g.thresholds.map((t) => ({ key: t.key, agg: t.expr.agg, op: t.expr.op, value: t.expr.value, abortOnFail: t.abortOnFail }));
    expect(th).toEqual([
      { key: 'http_req_failed', agg: { kind: 'rate' }, op: '<', value: 0.005, abortOnFail: false },
      { key: 'http_req_duration', agg: { kind: 'p', p: 95 }, op: '<', value: 200, abortOnFail: false },
      { key: 'http_req_duration', agg: { kind: 'p', p: 99 }, op: '<', value: 400, abortOnFail: true },
      { key: 'process_resident_memory_bytes', agg: { kind: 'slope' }, op: '<', value: 5_000_000, abortOnFail: false },
    ]);
    expect(g.thresholds[0]).toMatchObject({ metric: 'http_req_failed', tags: {}, delayAbortEvalMs: 0, consecutive: 1, pos: { line: 29, col: 27 } });
  });

  it('reads determinism and probes', () => {
    expect(gate(plan, 'determinism')).toMatchObject({ repeat: 2, junit: 'reports/*.xml', determinism: true });
    expect(gate(plan, 'health-evidence').probe).toEqual([
      { kind: 'single', request: { method: 'GET', url: 'http://127.0.0.1:8080/health', headers: {} }, expect: { code: 200 }, pos: { line: 40, col: 9 } },
      {
        kind: 'single',
        request: { method: 'POST', url: 'http://127.0.0.1:8080/api/chat', contentType: 'text/plain', headers: {} },
        expect: { code: 415 },
        pos: { line: 41, col: 9 },
      },
      {
        kind: 'burst',
        request: { method: 'POST', url: 'http://127.0.0.1:8080/api/chat', headers: {} },
        count: 200,
        concurrency: 20,
        expect: { some: [{ code: 429 }], none: [{ class: 5 }] },
        pos: { line: 42, col: 9 },
      },
    ]);
  });
});

describe('parsePlan: normalisation details', () => {
  const base = (gates: string, extra = '') => `version: 1\nrelease: r\ncandidate: v1.0.0\n${extra}gates:\n${gates}`;

  it('merges plan env under gate env (gate wins) and coerces scalars to strings', () => {
    const plan = mustParse(base(
      '  - id: a\n    run: x\n    env: { B: gate, C: 3, D: true }\n',
      'env: { A: plan, B: plan }\n',
    ));
    expect(plan.gates[0].env).toEqual({ A: 'plan', B: 'gate', C: '3', D: 'true' });
  });

  it('defaults ceremony roles to release-manager, waivers to none, repo to the plan dir', () => {
    const plan = mustParse(base('  - id: a\n    run: x\n'));
    expect(plan.ceremony.roles).toEqual(['release-manager']);
    expect(plan.waivers.roles).toEqual([]);
    expect(plan.repo).toBe(DIR);
    expect(plan.signers).toEqual([]);
    expect(plan.hosts).toEqual({});
  });

  it('resolves local cwd and host file paths, keeps remote cwd as written', () => {
    const plan = mustParse(base(
      '  - id: a\n    run: x\n    cwd: sub/dir\n  - id: b\n    on: box\n    run: x\n  - id: c\n    on: box\n    cwd: /opt/c\n    run: x\n',
      'hosts:\n  box:\n    ssh: me@box\n    sshConfig: ssh/config\n    knownHosts: /etc/kh\n    identityFile: ~/.ssh/id\n',
    ));
    expect(plan.gates.map((g) => g.cwd)).toEqual([path.join(DIR, 'sub/dir'), '.', '/opt/c']);
    expect(plan.hosts.box).toMatchObject({ sshConfig: path.join(DIR, 'ssh/config'), knownHosts: path.resolve(DIR, '/etc/kh'), identityFile: '~/.ssh/id' });
  });

  it('reads the long threshold form, tag filters and windows', () => {
    const plan = mustParse(base(
      '  - id: a\n    run: x\n    thresholds:\n      "http_req_duration{status:200,url:http://x/y}":\n' +
        '        - { threshold: "p(95) < 200 over 5m", delayAbortEval: 10s, consecutive: 3 }\n',
    ));
    expect(plan.gates[0].thresholds[0]).toMatchObject({
      metric: 'http_req_duration',
      tags: { status: '200', url: 'http://x/y' },
      key: 'http_req_duration{status:200,url:http://x/y}',
      delayAbortEvalMs: 10_000,
      consecutive: 3,
      expr: { windowMs: 300_000 },
    });
  });

  it('reads probe headers, bodies, matcher lists and concurrency', () => {
    const plan = mustParse(base(
      '  - id: p\n    probe:\n      - { put: https://x/a, body: "{}", headers: { X-Token: abc }, expect: 2xx }\n' +
        '      - burst: { get: http://x/b, count: 10, concurrency: 5 }\n        expect: { some: [429, "503"], none: [5xx, 404] }\n',
    ));
    const [single, burst] = plan.gates[0].probe!;
    expect(single).toMatchObject({ request: { method: 'PUT', body: '{}', headers: { 'X-Token': 'abc' } }, expect: { class: 2 } });
    expect(burst).toMatchObject({ count: 10, concurrency: 5, expect: { some: [{ code: 429 }, { code: 503 }], none: [{ class: 5 }, { code: 404 }] } });
  });
});

describe('gate digest', () => {
  const digests = (text: string) => Object.fromEntries(mustParse(text).gates.map((g) => [g.id, g.digest]));
  const before = digests(designPlan);

  it('differs between gates and is stable across parses', () => {
    expect(new Set(Object.values(before)).size).toBe(4);
    expect(digests(designPlan)).toEqual(before);
  });

  it('ignores title, signoff and position', () => {
    const moved = designPlan
      .replace('Go/No-Go startup reliability', 'Startup, retitled')
      .replace("signoff: { roles: [operations], quorum: 1 }\n  - id: soak", "signoff: { roles: [qa], quorum: 1 }\n  - id: soak")
      .replace('gates:\n', 'gates:\n\n\n');
    expect(moved).not.toBe(designPlan);
    expect(digests(moved)).toEqual(before);
  });

  it('changes with the command, and with the host definition of a remote gate', () => {
    const newRun = digests(designPlan.replace('./scripts/soak.sh --hours 48', './scripts/soak.sh --hours 24'));
    expect(newRun.soak).not.toBe(before.soak);
    expect(newRun['go-no-go']).toBe(before['go-no-go']);
    const newPort = digests(designPlan.replace('port: 22', 'port: 2222'));
    expect(newPort.soak).not.toBe(before.soak);
    expect(newPort['go-no-go']).toBe(before['go-no-go']);
  });
});
