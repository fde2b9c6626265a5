/** `gates:` as a whole: unique ids, known `needs`, no cycles, and each gate's digest. */
import type { Gate, SourcePos } from './types';
import { gateDigest } from './digest';
import { findCycles } from './graph';
import { type GateContext, type GateDraft, parseGate } from './parse-gate';
import { didYouMean } from './suggest';
import { type Ctx, readSeq, type Slot } from './yaml-nodes';

function checkUniqueIds(ctx: Ctx, drafts: GateDraft[]): void {
  const first = new Map<string, SourcePos>();
  for (const d of drafts) {
    if (d.gate.id === '') continue;
    const prev = first.get(d.gate.id);
    if (prev) {
      ctx.error(d.idPos, `duplicate gate id "${d.gate.id}" (first defined at line ${prev.line}); expected every gate id to be unique`);
    } else {
      first.set(d.gate.id, d.idPos);
    }
  }
}

function checkNeeds(ctx: Ctx, drafts: GateDraft[]): void {
  const ids = drafts.map((d) => d.gate.id).filter((id) => id !== '');
  for (const d of drafts) {
    d.gate.needs.forEach((need, i) => {
      if (ids.includes(need)) return;
      const where = d.gate.id ? `gate "${d.gate.id}"` : 'a gate';
      ctx.error(d.needsPos[i], `unknown gate "${need}" in "needs" of ${where}; expected the id of a gate in this plan${didYouMean(need, ids)}`);
    });
  }
}

function checkCycles(ctx: Ctx, drafts: GateDraft[]): void {
  const named = drafts.filter((d) => d.gate.id !== '');
  for (const cycle of findCycles(named.map((d) => d.gate))) {
    // Report at the `needs` entry of the cycle's first gate that leads into the cycle.
    const head = named.find((d) => d.gate.id === cycle[0]) as GateDraft;
    const at = head.gate.needs.indexOf(cycle[1]);
    ctx.error(head.needsPos[at] ?? head.idPos, `dependency cycle: ${cycle.join(' -> ')}; expected "needs" to form no loop`);
  }
}

export function parseGates(ctx: Ctx, slot: Slot | undefined, gc: GateContext, planPos: SourcePos): Gate[] {
  if (!slot) {
    ctx.error(planPos, 'missing key "gates" in the plan; expected a non-empty list of gates');
    return [];
  }
  const items = readSeq(ctx, slot, 'a list of gates');
  if (!items) return [];
  if (items.length === 0) ctx.error(slot.pos, '"gates" in the plan: expected at least one gate');
  const drafts = items.map((item, i) => parseGate(ctx, item, i, gc)).filter((d): d is GateDraft => d !== undefined);
  checkUniqueIds(ctx, drafts);
  checkNeeds(ctx, drafts);
  checkCycles(ctx, drafts);
  return drafts.map(({ gate }) => ({ ...gate, digest: gateDigest(gate, gate.on === undefined ? undefined : gc.hosts[gate.on]) }));
}
