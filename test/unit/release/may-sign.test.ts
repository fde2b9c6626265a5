import { describe, expect, it } from 'vitest';
import { ranTheGate, signoffRefusal, waiverRefusal } from '../../../electron/core/release/may-sign';
import { people, plan } from '../signoff/fixtures';

const { alice, bob1, bob2, carol, dave, dave2, mallory } = people;
const gate = { id: 'perf', title: 'Performance', signoff: { roles: ['qa', 'security'], quorum: 2 } };
const passed = (operatorKeyId: string) => ({ runNo: 3, status: 'passed' as const, operatorKeyId });

describe('may-sign: the one place for "may I sign this?"', () => {
  it('separation of duties covers every key of the operator', () => {
    expect(ranTheGate(plan, bob1.keyId, bob1.keyId)).toBe(true);
    expect(ranTheGate(plan, bob1.keyId, bob2.keyId)).toBe(true); // same person, second key
    expect(ranTheGate(plan, bob1.keyId, alice.keyId)).toBe(false);
    expect(ranTheGate(plan, null, alice.keyId)).toBe(false);
    expect(ranTheGate(plan, mallory.keyId, mallory.keyId)).toBe(true); // not a signer, but the operator's own key
  });

  it('answers sign-offs with the rule and its facts', () => {
    expect(signoffRefusal(plan, gate, passed(dave.keyId), dave2.keyId)).toEqual({ rule: 'separation of duties', gate: 'perf', person: 'dave' });
    expect(signoffRefusal(plan, gate, passed(dave.keyId), carol.keyId)).toEqual({ rule: 'signer lacks role', person: 'carol', roles: ['release-manager'], accepted: ['qa', 'security'] });
    expect(signoffRefusal(plan, gate, passed(dave.keyId), mallory.keyId)).toEqual({ rule: 'not a signer', keyId: mallory.keyId, accepted: ['qa', 'security'] });
    expect(signoffRefusal(plan, gate, { runNo: 3, status: 'failed' }, alice.keyId)).toMatchObject({ rule: 'not passed', status: 'failed' });
    expect(signoffRefusal(plan, { ...gate, signoff: undefined }, passed(dave.keyId), alice.keyId)).toMatchObject({ rule: 'no sign-off rule' });
    expect(signoffRefusal(plan, gate, passed(dave.keyId), alice.keyId)).toBeNull();
  });

  it('answers waivers the same way, against the plan\'s waiver roles', () => {
    const failed = { runNo: 3, status: 'failed' as const, operatorKeyId: dave.keyId };
    expect(waiverRefusal(plan, gate, failed, carol.keyId)).toBeNull();
    expect(waiverRefusal(plan, gate, failed, dave2.keyId)).toMatchObject({ rule: 'separation of duties' });
    expect(waiverRefusal(plan, gate, failed, alice.keyId)).toMatchObject({ rule: 'signer lacks role', accepted: ['release-manager'] });
    expect(waiverRefusal(plan, gate, passed(dave.keyId), carol.keyId)).toMatchObject({ rule: 'not failed' });
  });
});
