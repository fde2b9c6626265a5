import { describe, expect, it } from 'vitest';
import {
  GENESIS_PREV,
  appendEvent,
  eventHash,
  parseJsonl,
  toJsonl,
  verifyChain,
  type AuditEvent,
} from '../../../electron/core/signoff/audit-chain';

function chain(n: number): AuditEvent[] {
  const out: AuditEvent[] = [];
  for (let i = 0; i < n; i++) {
    out.push(appendEvent(out[i - 1] ?? null, { type: 'run.finished', ts: 1_700_000_000_000 + i, actor: 'ci', data: { gate: `g${i}`, n: i } }));
  }
  return out;
}

const seqsOf = (errors: { seq: number }[]) => [...new Set(errors.map((e) => e.seq))];

describe('audit chain', () => {
  it('links each event to the previous hash and verifies', () => {
    const events = chain(5);
    expect(events[0]).toMatchObject({ seq: 1, prev: GENESIS_PREV });
    expect(events[3].prev).toBe(events[2].hash);
    expect(events[3].hash).toBe(eventHash(events[3]));
    expect(verifyChain(events)).toEqual({ ok: true, errors: [] });
    expect(verifyChain(events, { expectedHead: events[4].hash }).ok).toBe(true);
  });

  it('does not let a later change to the caller data alter a hashed event', () => {
    const data = { a: 1 };
    const e = appendEvent(null, { type: 't', ts: 1, data });
    data.a = 2;
    expect(verifyChain([e]).ok).toBe(true);
  });

  it('detects an edited event and names its seq', () => {
    const events = chain(5);
    events[2] = { ...events[2], data: { gate: 'g2', n: 99 } };
    const r = verifyChain(events);
    expect(r.ok).toBe(false);
    expect(seqsOf(r.errors)).toEqual([3]);
    expect(r.errors[0].message).toMatch(/edited/);
  });

  it('detects an edit whose hash was recomputed, at the next event', () => {
    const events = chain(5);
    const edited = { ...events[2], actor: 'mallory' };
    events[2] = { ...edited, hash: eventHash(edited) };
    const r = verifyChain(events);
    expect(r.ok).toBe(false);
    expect(seqsOf(r.errors)).toEqual([4]);
  });

  it('detects a removed event and names the seq after the gap', () => {
    const events = chain(5);
    events.splice(2, 1);
    const r = verifyChain(events);
    expect(r.ok).toBe(false);
    expect(seqsOf(r.errors)).toEqual([4, 5]);
    expect(r.errors[0].message).toMatch(/seq 4 found where seq 3 belongs/);
  });

  it('detects removal of the first event', () => {
    const r = verifyChain(chain(3).slice(1));
    expect(r.ok).toBe(false);
    expect(r.errors.some((e) => e.seq === 2 && /removed/.test(e.message))).toBe(true);
  });

  it('detects removal from the end only against a recorded head', () => {
    const events = chain(4);
    const head = events[3].hash;
    const cut = events.slice(0, 3);
    expect(verifyChain(cut).ok).toBe(true);
    const r = verifyChain(cut, { expectedHead: head });
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ seq: 3 });
  });

  it('detects an inserted event, even a well-formed one', () => {
    const events = chain(4);
    const forged = appendEvent(events[1], { type: 'signoff.imported', ts: 5, data: { by: 'mallory' } });
    events.splice(2, 0, forged);
    const r = verifyChain(events);
    expect(r.ok).toBe(false);
    expect(seqsOf(r.errors)).toContain(3);
    expect(r.errors.find((e) => e.seq === 3)?.message).toMatch(/reordered or duplicated|prev does not match/);
  });

  it('detects reordered events and names them', () => {
    const events = chain(5);
    [events[1], events[2]] = [events[2], events[1]];
    const r = verifyChain(events);
    expect(r.ok).toBe(false);
    expect(seqsOf(r.errors)).toEqual(expect.arrayContaining([3, 2]));
    expect(r.errors[0]).toMatchObject({ seq: 3 });
  });

  it('round-trips through JSONL', () => {
    const events = chain(3);
    const text = toJsonl(events);
    expect(text.split('\n')).toHaveLength(4);
    const parsed = parseJsonl(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.events).toEqual(events);
    expect(verifyChain(parsed.events).ok).toBe(true);
  });

  it('reports malformed JSONL lines by number', () => {
    const lines = toJsonl(chain(3)).split('\n');
    lines[1] = lines[1].slice(0, 30);
    lines.splice(2, 0, '');
    lines.push('{"seq":1}');
    const r = parseJsonl(lines.join('\n'));
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 5, 6]);
    expect(r.errors[0].message).toMatch(/^line 2: not valid JSON/);
    expect(r.errors[1].message).toBe('line 3: empty line');
    expect(r.errors[3].message).toMatch(/^line 6: "prev"/);
  });
});
