/**
 * serve: the sign-off channels end to end over the WebSocket, against a real
 * store filled by `run --key`: identities, review with separation of duties,
 * in-app approval, request zip -> offline signature -> import, waivers,
 * ceremony blockers -> ready -> tag, and bundle verification.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspace } from '../../helpers/cli';
import { cliIn, gitRepo, PASSPHRASE } from '../bundle/fixture';
import type { TestClient } from './serve-process';
import { dataDirKey, serveWithClient, type Served } from './served-keys';

describe('serve: identities, sign-offs, waivers, verify and the ceremony', () => {
  const ws = workspace('cockpit-host-signoff-');
  const dataDir = join(ws.dir, 'data');
  const keyOf = (name: string) => dataDirKey(dataDir, name);
  const ada = keyOf('Ada Ops');
  const rui = keyOf('Rui QA');
  const mia = keyOf('Mia RM');
  const lin = keyOf('Lin QA');
  gitRepo(join(ws.dir, 'repo'));
  const plan = ws.write('plan.yaml', `version: 1
release: host-signoff
candidate: rc-2
repo: repo
signers:
  - { name: Ada Ops, key: ${ada.pub}, roles: [operations, qa] }
  - { name: Rui QA, key: ${rui.pub}, roles: [qa] }
  - { name: Mia RM, key: ${mia.pub}, roles: [release-manager] }
  - { name: Lin QA, key: ${lin.pub}, roles: [qa] }
waivers: { roles: [release-manager] }
gates:
  - id: build
    run: mkdir -p out && printf 'report' > out/report.txt && echo built
    evidence: [out/report.txt]
    signoff: { roles: [qa], quorum: 2 }
  - id: flaky
    run: echo flaky; exit 3
`);
  const cli = cliIn(ws);
  let served: Served;
  let c: TestClient;

  beforeAll(async () => {
    expect(cli(['run', plan, '--db', ws.db, '--key', ada.file]).code).toBe(1); // flaky fails
    served = await serveWithClient(plan, ws.db, dataDir);
    c = served.c;
  }, 60_000);
  afterAll(async () => {
    await served?.stop();
    ws.cleanup();
  });

  it('lists the identities with their plan roles; one is chosen explicitly when there are several', async () => {
    const state = await c.ok('identity.get', {});
    expect(state.keysDir).toBe(join(dataDir, 'keys'));
    expect(state.current).toBeNull();
    expect(state.keys.map((k: { name: string }) => k.name).sort()).toEqual(['Ada Ops', 'Lin QA', 'Mia RM', 'Rui QA']);
    expect(state.keys.find((k: { keyId: string }) => k.keyId === rui.keyId).signer).toEqual({ name: 'Rui QA', roles: ['qa'] });
    const chosen = await c.ok('identity.select', { keyId: ada.keyId });
    expect(chosen.current).toMatchObject({ keyId: ada.keyId, name: 'Ada Ops' });
    expect((await c.ok('settings.get', {})).identity).toEqual({ name: 'Ada Ops', keyId: ada.keyId });
  });

  it('status carries sign-offs and readiness', async () => {
    const st = await c.ok('status.get', {});
    expect(st.ready).toBe(false);
    const build = st.gates.find((g: { id: string }) => g.id === 'build');
    expect(build.signoff).toMatchObject({ status: 'pending', quorum: 2, missing: 2 });
  });

  it('refuses the operator signing their own gate, before asking for the key', async () => {
    const review = await c.ok('signoff.review', { gateId: 'build' });
    expect(review.run).toMatchObject({ runNo: 1, status: 'passed', operator: 'Ada Ops', operatorKeyId: ada.keyId, resultSigned: true });
    expect(review.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(review.files.map((f: { path: string }) => f.path)).toEqual(['evidence/out/report.txt', 'run-1.log']);
    expect(review.you.problem).toEqual({ rule: 'separation of duties', message: 'You ran this gate; someone else must sign it off.' });
    const r = await c.call('signoff.sign', { gateId: 'build', decision: 'approve', passphrase: 'not even checked' });
    expect(r.error).toEqual({ code: 'conflict', message: 'You ran this gate; someone else must sign it off.' });
  });

  it('approves in the app as the reviewer: a wrong passphrase is refused, the right one stores the sign-off', async () => {
    await c.ok('identity.select', { keyId: rui.keyId });
    expect((await c.ok('signoff.review', { gateId: 'build' })).you).toMatchObject({ name: 'Rui QA', roles: ['qa'], problem: null, decided: null });
    const wrong = await c.call('signoff.sign', { gateId: 'build', decision: 'approve', passphrase: 'wrong passphrase' });
    expect(wrong.error!.code).toBe('invalid-input');
    expect(wrong.error!.message).toMatch(/Could not unlock Rui QA’s key: wrong passphrase/);
    const before = c.events.length;
    const signed = await c.ok('signoff.sign', { gateId: 'build', decision: 'approve', comment: 'log read', passphrase: PASSPHRASE });
    expect(signed).toMatchObject({ gate: 'build', runNo: 1, decision: 'approve', role: 'qa', person: 'Rui QA', stored: true, fileName: 'build-run-1-rui-qa.dsse.json' });
    expect(JSON.parse(signed.envelope).payloadType).toBe('application/vnd.in-toto+json');
    await c.until(() => c.events.slice(before).find((e) => e.event === 'release.updated' && e.payload.gateId === 'build'), 'release.updated');
    const build = (await c.ok('status.get', {})).gates.find((g: { id: string }) => g.id === 'build');
    expect(build.signoff).toMatchObject({ approved: 1, missing: 1, status: 'pending' });
    expect(build.signoffs[0]).toMatchObject({ person: 'Rui QA', comment: 'log read', valid: true });
  });

  it('exports a request zip, an offline officer signs it, and the signature imports', async () => {
    const req = await c.ok('signoff.request', { gateId: 'build' });
    expect(req).toMatchObject({ fileName: 'build-run-1-signoff-request.zip', gate: 'build', runNo: 1, files: 7 });
    const zip = Buffer.from(req.base64, 'base64');
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    await c.ok('identity.select', { keyId: lin.keyId });
    const tampered = Buffer.from(zip);
    tampered[64] ^= 0xff; // inside the first entry's data
    const bad = await c.call('signoff.sign', { requestZip: tampered.toString('base64'), decision: 'approve', passphrase: PASSPHRASE });
    expect(bad.error!.message).toMatch(/^Refusing to sign/);
    const signed = await c.ok('signoff.sign', { requestZip: req.base64, decision: 'approve', comment: 'offline', passphrase: PASSPHRASE });
    expect(signed).toMatchObject({ person: 'Lin QA', stored: false });
    expect((await c.ok('status.get', {})).gates[0].signoff.approved).toBe(1);
    const junk = { name: 'junk.dsse.json', base64: Buffer.from('{"nope":1}').toString('base64') };
    const good = { name: signed.fileName, base64: Buffer.from(signed.envelope).toString('base64') };
    const mixed = await c.ok('signoff.import', { files: [good, junk] });
    expect(mixed.imported).toBe(0);
    expect(mixed.results.map((r: { outcome: string }) => r.outcome)).toEqual(['held', 'refused']);
    expect(mixed.results[1].problems[0].rule).toBe('bad envelope');
    const ok = await c.ok('signoff.import', { files: [good] });
    expect(ok).toMatchObject({ imported: 1, results: [{ outcome: 'imported', person: 'Lin QA', gate: 'build', decision: 'approve' }] });
    expect((await c.ok('status.get', {})).gates[0].signoff).toMatchObject({ status: 'approved', approved: 2 });
  });

  it('accepts upload frames over 1 MiB on upload channels and still validates their size', async () => {
    const big = Buffer.alloc(1536 * 1024, 65).toString('base64');
    const r = await c.call('signoff.import', { files: [{ name: 'big.json', base64: big }] });
    expect(r.id).not.toBeNull();
    expect(r.error!.code).toBe('invalid-input');
    expect(r.error!.message).toMatch(/larger than 1 MiB/);
    const orphans = c.orphans.length;
    c.ws.send(JSON.stringify({ id: 99, channel: 'plan.recent', input: { pad: 'x'.repeat(1200 * 1024) } }));
    const other = await c.until(() => c.orphans[orphans], 'the oversized frame to be refused');
    expect(other.error!.message).toMatch(/limited to 1048576 bytes/);
  });

  it('waives the failed gate as the release manager; the ceremony turns ready and tags', async () => {
    await c.ok('identity.select', { keyId: rui.keyId });
    let st = await c.ok('ceremony.status', {});
    expect(st.signer).toMatchObject({ name: 'Rui QA', problem: expect.stringMatching(/holds no ceremony role/) });
    await c.ok('identity.select', { keyId: mia.keyId });
    st = await c.ok('ceremony.status', {});
    expect(st).toMatchObject({ ready: false, candidate: 'rc-2', ceremonyRoles: ['release-manager'], signer: { name: 'Mia RM', problem: null }, tagged: null });
    expect(st.blockers).toEqual([expect.objectContaining({ gate: 'flaky', rule: 'gate not passed', message: expect.stringMatching(/^Gate "flaky" run #1 is failed/) })]);
    const past = await c.call('waiver.create', { gateId: 'flaky', reason: 'known', expires: '2001-01-01', passphrase: PASSPHRASE });
    expect(past.error!.message).toMatch(/not in the future/);
    const waived = await c.ok('waiver.create', { gateId: 'flaky', reason: 'known flaky runner', expires: '2999-12-31', passphrase: PASSPHRASE });
    expect(waived).toMatchObject({ gate: 'flaky', person: 'Mia RM', role: 'release-manager', expires: '2999-12-31T23:59:59.000Z' });
    st = await c.ok('ceremony.status', {});
    expect(st).toMatchObject({ ready: true, blockers: [] });
    const done = await c.ok('ceremony.run', { passphrase: PASSPHRASE });
    expect(done).toMatchObject({ ok: true, tag: 'rc-2', by: 'Mia RM' });
    const tagMessage = execFileSync('git', ['-C', join(ws.dir, 'repo'), 'cat-file', '-p', 'rc-2'], { encoding: 'utf8' });
    expect(tagMessage).toContain(`MANIFEST.json sha256: ${done.manifestSha256}`);
    st = await c.ok('ceremony.status', {});
    expect(st.ready).toBe(false);
    expect(st.tagged).toMatchObject({ tag: 'rc-2', manifestSha256: done.manifestSha256, by: 'Mia RM', bundle: done.bundle });
    expect(st.blockers.map((b: { rule: string }) => b.rule)).toEqual(['git tag']);

    const verified = await c.ok('bundle.verify', { path: done.bundle, trust: mia.pub });
    expect(verified).toMatchObject({ ok: true, source: done.bundle, trustedKeyId: mia.keyId });
    expect(verified.checks.every((x: { ok: boolean }) => x.ok)).toBe(true);
    const untrusted = await c.ok('bundle.verify', { path: done.bundle, trust: rui.pub });
    expect(untrusted.ok).toBe(false);
    expect(untrusted.checks.filter((x: { ok: boolean }) => !x.ok)[0]).toMatchObject({ file: 'MANIFEST.dsse.json' });
    expect(cli(['bundle', plan, '--out', 'b.zip', '--key', mia.file, '--db', ws.db]).code).toBe(0);
    const zip = readFileSync(join(ws.dir, 'b.zip')).toString('base64');
    const uploaded = await c.ok('bundle.verify', { zip, name: 'b.zip', trust: ` ${mia.pub}\n` });
    expect(uploaded).toMatchObject({ ok: true, source: 'b.zip' });
    const badKey = await c.call('bundle.verify', { zip, trust: 'ed25519:nope' });
    expect(badKey.error!.code).toBe('invalid-input');
  });

  it('creates a passphrase-encrypted identity in the keys directory and uses it', async () => {
    const short = await c.call('identity.create', { name: 'New Person', passphrase: 'short' });
    expect(short.error!.message).toMatch(/at least 8 characters/);
    const made = await c.ok('identity.create', { name: 'New Person', passphrase: 'a fine passphrase' });
    expect(made.current).toMatchObject({ name: 'New Person', protection: 'passphrase', signer: null });
    expect(made.keys).toHaveLength(5);
    expect(existsSync(made.current.file)).toBe(true);
    expect(readFileSync(made.current.file, 'utf8')).not.toContain('PRIVATE');
    expect(cli(['keys', 'public', made.current.file]).stdout.trim()).toBe(made.current.publicKey);
  });
});
