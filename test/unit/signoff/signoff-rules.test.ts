import { describe, expect, it } from 'vitest';
import { evaluateGateSignoffs } from '../../../electron/core/signoff/signoff-rules';
import { baseInput, now, otherPlanDigest, people, signoff, waiver } from './fixtures';

const { alice, bob1, bob2, erin, carol, dave, dave2, mallory } = people;
const later = new Date('2025-07-01T00:00:00Z');
const earlier = new Date('2025-05-01T00:00:00Z');
const rules = (r: { problems: { rule: string }[] }) => r.problems.map((p) => p.rule);

describe('evaluateGateSignoffs: quorum and roles', () => {
  it('approves with two distinct people holding accepted roles', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(alice, 'qa'), signoff(bob1, 'security')] }));
    expect(r.status).toBe('approved');
    expect(r.missing).toBe(0);
    expect(r.problems).toEqual([]);
    expect(r.approvals.map((a) => a.person).sort()).toEqual(['alice', 'bob']);
  });

  it('stays pending below quorum and says how many are missing', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(alice, 'qa')] }));
    expect(r).toMatchObject({ status: 'pending', missing: 1 });
  });

  it('counts one person with two keys once toward quorum', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(bob1, 'security'), signoff(bob2, 'security')] }));
    expect(r.status).toBe('pending');
    expect(r.missing).toBe(1);
    expect(r.approvals).toEqual([{ person: 'bob', roles: ['security'], keyIds: [bob1.keyId, bob2.keyId] }]);
  });

  it('rejects a signature from a key not in the plan', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(alice, 'qa'), signoff(mallory, 'qa')] }));
    expect(r.status).toBe('pending');
    expect(r.approvals).toHaveLength(1);
    expect(r.problems).toEqual([
      { signoff: mallory.keyId, rule: 'unknown signer', message: expect.stringMatching(/^unknown signer/) },
    ]);
  });

  it('rejects a signer claiming a role the plan does not give them', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(alice, 'security'), signoff(bob1, 'security')] }));
    expect(r.status).toBe('pending');
    expect(r.problems).toEqual([
      expect.objectContaining({ signoff: alice.keyId, rule: 'signer lacks role', message: expect.stringMatching(/alice does not hold "security"/) }),
    ]);
  });

  it('rejects a role the gate does not accept, even if the signer holds it', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(carol, 'release-manager'), signoff(bob1, 'security')] }));
    expect(r.status).toBe('pending');
    expect(r.problems[0]).toMatchObject({ rule: 'signer lacks role', message: expect.stringMatching(/accepts qa, security, not "release-manager"/) });
  });

  it('names problems by the source file when given', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(mallory, 'qa')], signoffSources: ['signoffs/perf/x.dsse.json'] }));
    expect(r.problems[0].signoff).toBe('signoffs/perf/x.dsse.json');
  });
});

describe('evaluateGateSignoffs: separation of duties', () => {
  it("rejects the operator's own key", () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(dave, 'qa'), signoff(bob1, 'security')] }));
    expect(r.status).toBe('pending');
    expect(r.problems).toEqual([expect.objectContaining({ rule: 'separation of duties', message: expect.stringMatching(/^operator cannot sign off own run/) })]);
  });

  it("rejects another key of the operator's person", () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(dave2, 'qa'), signoff(bob1, 'security')] }));
    expect(r.status).toBe('pending');
    expect(rules(r)).toEqual(['separation of duties']);
  });

  it('accepts the same person when someone else ran the gate', () => {
    const r = evaluateGateSignoffs(
      baseInput({ run: { id: 7, runNo: 3, status: 'passed', operatorKeyId: erin.keyId }, signoffs: [signoff(dave2, 'qa'), signoff(bob1, 'security')] }),
    );
    expect(r.status).toBe('approved');
  });
});

describe('evaluateGateSignoffs: replays', () => {
  const cases: [string, Parameters<typeof signoff>[2], RegExp][] = [
    ['another gate', { gate: 'smoke' }, /replayed from another gate/],
    ['another run id', { runId: 6 }, /replayed from another run/],
    ['another run number', { runNo: 2 }, /replayed from another run/],
    ['another plan', { planDigest: otherPlanDigest }, /replayed from another plan/],
    ['another release', { release: 'v1.9' }, /replayed from another plan/],
    ['other evidence', { evidenceManifest: 'ee'.repeat(32) }, /signs different evidence/],
  ];
  for (const [what, over, message] of cases) {
    it(`does not count a sign-off made for ${what}`, () => {
      const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(alice, 'qa', over), signoff(bob1, 'security')] }));
      expect(r.status).toBe('pending');
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ rule: 'replay', message: expect.stringMatching(message) });
    });
  }

  it('does not count a statement whose subject is other evidence', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(alice, 'qa', {}, 'ee'.repeat(32)), signoff(bob1, 'security')] }));
    expect(r.status).toBe('pending');
    expect(r.problems[0].message).toMatch(/subject is not this run's evidence manifest/);
  });
});

describe('evaluateGateSignoffs: rejections and damaged envelopes', () => {
  it('one valid rejection blocks the gate', () => {
    const r = evaluateGateSignoffs(
      baseInput({ signoffs: [signoff(alice, 'qa'), signoff(bob1, 'security'), signoff(erin, 'qa', { decision: 'reject', comment: 'p99 regressed' })] }),
    );
    expect(r.status).toBe('rejected');
    expect(r.rejections).toEqual([{ person: 'erin', roles: ['qa'], keyIds: [erin.keyId] }]);
  });

  it('a rejection by someone not entitled does not block', () => {
    const r = evaluateGateSignoffs(
      baseInput({ signoffs: [signoff(alice, 'qa'), signoff(bob1, 'security'), signoff(mallory, 'qa', { decision: 'reject' }), signoff(dave, 'qa', { decision: 'reject' })] }),
    );
    expect(r.status).toBe('approved');
    expect(rules(r).sort()).toEqual(['separation of duties', 'unknown signer']);
  });

  it('does not count a tampered or garbled envelope', () => {
    const tampered = signoff(alice, 'qa');
    const st = JSON.parse(Buffer.from(tampered.payload, 'base64').toString());
    st.predicate.role = 'security';
    tampered.payload = Buffer.from(JSON.stringify(st)).toString('base64');
    const r = evaluateGateSignoffs(baseInput({ signoffs: [tampered, '{"payloadType":"x","payl', signoff(bob1, 'security')] }));
    expect(r.status).toBe('pending');
    expect(rules(r)).toEqual(['bad signature', 'bad envelope']);
    expect(r.problems[1].signoff).toBe('signoff #2');
  });

  it('does not accept a waiver statement as a sign-off', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [waiver(alice, 'qa', later), signoff(bob1, 'security')] }));
    expect(r.status).toBe('pending');
    expect(r.problems[0]).toMatchObject({ rule: 'bad statement', message: expect.stringMatching(/wrong predicateType/) });
  });
});

describe('evaluateGateSignoffs: waivers', () => {
  const failed = { id: 7, runNo: 3, status: 'failed' as const, operatorKeyId: dave.keyId };

  it('a failed run without a waiver is failed, whatever the approvals', () => {
    const r = evaluateGateSignoffs(baseInput({ run: failed, signoffs: [signoff(alice, 'qa'), signoff(bob1, 'security')] }));
    expect(r.status).toBe('failed');
  });

  it('a valid unexpired waiver by a waiver role makes it waived', () => {
    const r = evaluateGateSignoffs(baseInput({ run: failed, waiver: waiver(carol, 'release-manager', later) }));
    expect(r.status).toBe('waived');
    expect(r.problems).toEqual([]);
    expect(r.waiver).toMatchObject({ person: 'carol', role: 'release-manager', reason: 'known flaky load balancer' });
  });

  it('an expired waiver leaves the gate failed', () => {
    const r = evaluateGateSignoffs(baseInput({ run: failed, waiver: waiver(carol, 'release-manager', earlier) }));
    expect(r.status).toBe('failed');
    expect(r.problems).toEqual([expect.objectContaining({ rule: 'waiver expired', message: 'waiver expired on 2025-05-01T00:00:00.000Z' })]);
  });

  it('a waiver by someone without a waiver role leaves the gate failed', () => {
    for (const w of [waiver(alice, 'qa', later), waiver(alice, 'release-manager', later)]) {
      const r = evaluateGateSignoffs(baseInput({ run: failed, waiver: w }));
      expect(r.status).toBe('failed');
      expect(r.problems[0]).toMatchObject({ rule: 'waiver signer lacks a waiver role', message: expect.stringMatching(/^waiver signer lacks a waiver role/) });
    }
  });

  it('the operator cannot waive their own failed run', () => {
    const r = evaluateGateSignoffs(baseInput({ run: failed, waiver: waiver(dave2, 'release-manager', later) }));
    expect(r.status).toBe('failed');
    expect(rules(r)).toEqual(['separation of duties']);
  });

  it('a waiver for another run does not apply', () => {
    const r = evaluateGateSignoffs(baseInput({ run: failed, waiver: waiver(carol, 'release-manager', later, { runNo: 2 }) }));
    expect(r.status).toBe('failed');
    expect(rules(r)).toEqual(['replay']);
  });

  it('a rejection still blocks a waived gate', () => {
    const r = evaluateGateSignoffs(
      baseInput({ run: failed, waiver: waiver(carol, 'release-manager', later), signoffs: [signoff(alice, 'qa', { decision: 'reject' })] }),
    );
    expect(r.status).toBe('rejected');
  });

  it('a waiver does not rescue a cancelled run', () => {
    const r = evaluateGateSignoffs(baseInput({ run: { ...failed, status: 'cancelled' }, waiver: waiver(carol, 'release-manager', later) }));
    expect(r.status).toBe('failed');
    expect(rules(r)).toEqual(['waiver not applicable']);
  });
});

describe('evaluateGateSignoffs: a person\'s later statement supersedes the earlier one', () => {
  const t1 = new Date('2025-06-01T10:00:00Z');
  const t2 = new Date('2025-06-01T11:00:00Z');
  const at = (d: Date) => ({ time: d.toISOString() });

  it('an older approval does not undo a later rejection, in either order', () => {
    for (const order of [0, 1]) {
      const pair = [signoff(alice, 'qa', at(t1)), signoff(alice, 'qa', { ...at(t2), decision: 'reject' })];
      const r = evaluateGateSignoffs(baseInput({ signoffs: order ? pair.reverse() : pair, signoffSources: order ? ['b.json', 'a.json'] : ['a.json', 'b.json'] }));
      expect(r.status).toBe('rejected');
      expect(r.approvals).toEqual([]);
      expect(r.superseded).toEqual([expect.objectContaining({ signoff: 'a.json', person: 'alice', by: 'b.json', message: expect.stringMatching(/^superseded: alice signed a later rejection/) })]);
    }
  });

  it('a later approval replaces an earlier rejection', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(alice, 'qa', { ...at(t1), decision: 'reject' }), signoff(alice, 'qa', at(t2)), signoff(bob1, 'security')] }));
    expect(r.status).toBe('approved');
    expect(r.rejections).toEqual([]);
  });

  it('across two keys of one person, and a tie goes to the rejection', () => {
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(bob1, 'security', at(t2)), signoff(bob2, 'security', { ...at(t2), decision: 'reject' }), signoff(alice, 'qa')] }));
    expect(r.status).toBe('rejected');
    expect(r.rejections.map((p) => p.person)).toEqual(['bob']);
  });

  it('names that look the same are one person, even if a plan slipped them through', () => {
    const lookAlike = { ...baseInput().plan, signers: [...baseInput().plan.signers, { ...baseInput().plan.signers[0], name: 'al\u200bice', publicKey: mallory.publicKeyRaw, keyId: mallory.keyId }] };
    const r = evaluateGateSignoffs(baseInput({ plan: lookAlike, gate: { id: 'perf', signoff: { roles: ['qa'], quorum: 2 } }, signoffs: [signoff(alice, 'qa'), signoff(mallory, 'qa')] }));
    expect(r.status).toBe('pending');
    expect(r.missing).toBe(1);
    expect(r.approvals).toHaveLength(1);
  });
});

describe('evaluateGateSignoffs: signed times', () => {
  it('refuses a statement dated more than 5 minutes ahead (it would outlast every later decision)', () => {
    const ahead = new Date(now.getTime() + 10 * 60_000).toISOString();
    const r = evaluateGateSignoffs(baseInput({ signoffs: [signoff(alice, 'qa', { time: ahead }), signoff(bob1, 'security')] }));
    expect(r.status).toBe('pending');
    expect(rules(r)).toEqual(['signed in the future']);
    const skew = new Date(now.getTime() + 60_000).toISOString();
    expect(evaluateGateSignoffs(baseInput({ signoffs: [signoff(alice, 'qa', { time: skew }), signoff(bob1, 'security')] })).status).toBe('approved');
  });
});
