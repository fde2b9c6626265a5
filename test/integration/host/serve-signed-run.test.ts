/**
 * serve: a gate run from the app with `sign` runs as the identity in use and
 * its result is signed when it ends, as `run --key` does. The key is unlocked
 * before anything runs: a missing or wrong passphrase, or a key the plan does
 * not list, starts nothing.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspace } from '../../helpers/cli';
import { PASSPHRASE } from '../bundle/fixture';
import type { TestClient } from './serve-process';
import { dataDirKey, serveWithClient, type Served } from './served-keys';

describe('serve: gates run and signed as the identity in use', () => {
  const ws = workspace('cockpit-host-signed-run-');
  const dataDir = join(ws.dir, 'data');
  const ada = dataDirKey(dataDir, 'Ada Ops');
  const zed = dataDirKey(dataDir, 'Zed Stranger');
  const plan = ws.write('plan.yaml', `version: 1
release: signed-runs
candidate: rc-1
signers:
  - { name: Ada Ops, key: ${ada.pub}, roles: [operations] }
gates:
  - id: build
    run: echo built
  - id: lint
    run: echo linted
`);
  let served: Served;
  let c: TestClient;
  const unsigned = async () =>
    ((await c.ok('ceremony.status', {})).blockers as { gate: string; rule: string }[]).filter((b) => b.rule === 'unsigned result').map((b) => b.gate);
  const finished = (runId: number) =>
    c.until(() => c.events.find((e) => e.event === 'run.updated' && e.payload.id === runId && e.payload.status === 'passed')?.payload, `run ${runId} to pass`);

  beforeAll(async () => {
    served = await serveWithClient(plan, ws.db, dataDir);
    c = served.c;
  }, 60_000);
  afterAll(async () => {
    await served?.stop();
    ws.cleanup();
  });

  it('starts nothing when the key cannot be unlocked or is not in the plan', async () => {
    await c.ok('identity.select', { keyId: ada.keyId });
    const missing = await c.call('gate.run', { gateId: 'build', sign: true });
    expect(missing.error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/passphrase/) });
    const wrong = await c.call('gate.run', { gateId: 'build', sign: true, passphrase: 'not the passphrase' });
    expect(wrong.error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/Could not unlock Ada Ops/) });
    await c.ok('identity.select', { keyId: zed.keyId });
    const stranger = await c.call('gate.run', { gateId: 'build', sign: true, passphrase: PASSPHRASE });
    expect(stranger.error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/Zed Stranger.*not a signer in plan\.yaml/) });
    const all = await c.call('plan.runAll', { sign: true, passphrase: PASSPHRASE });
    expect(all.error).toMatchObject({ code: 'invalid-input' });
    expect(await c.ok('runs.list', {})).toEqual([]);
  });

  it('runs a gate as Ada and signs its result; an unsigned run stays a blocker', async () => {
    await c.ok('identity.select', { keyId: ada.keyId });
    const plain = await c.ok('gate.run', { gateId: 'lint' });
    await finished(plain.runId);
    const signed = await c.ok('gate.run', { gateId: 'build', sign: true, passphrase: PASSPHRASE });
    const run = await finished(signed.runId);
    expect(run).toMatchObject({ operator: 'Ada Ops', operatorKeyId: ada.keyId });
    await expect.poll(unsigned, { timeout: 10_000 }).toEqual(['lint']);
  });

  it('runs every gate signed with run-all', async () => {
    expect(await c.ok('plan.runAll', { sign: true, passphrase: PASSPHRASE })).toEqual({ started: true });
    await expect.poll(unsigned, { timeout: 20_000 }).toEqual([]);
    const runs = (await c.ok('runs.list', {})) as { operator: string; operatorKeyId: string | null }[];
    expect(runs).toHaveLength(4);
    expect(runs.filter((r) => r.operatorKeyId === ada.keyId)).toHaveLength(3);
  });
});
