import { describe, expect, it } from 'vitest';
import { findCycles, topoOrder } from '../../../electron/core/plan/graph';

const g = (id: string, ...needs: string[]) => ({ id, needs });
const ids = (gs: { id: string }[]) => gs.map((x) => x.id);

describe('topoOrder', () => {
  it('keeps file order when nothing depends on anything', () => {
    expect(ids(topoOrder([g('c'), g('a'), g('b')]))).toEqual(['c', 'a', 'b']);
  });

  it('puts a gate after what it needs, and otherwise keeps file order', () => {
    const order = ids(topoOrder([g('soak', 'build'), g('lint'), g('build'), g('ship', 'soak', 'lint')]));
    expect(order).toEqual(['lint', 'build', 'soak', 'ship']);
  });

  it('handles diamonds', () => {
    expect(ids(topoOrder([g('d', 'b', 'c'), g('c', 'a'), g('b', 'a'), g('a')]))).toEqual(['a', 'c', 'b', 'd']);
  });

  it('never throws: cycle members go last in file order, unknown needs are ignored', () => {
    expect(ids(topoOrder([g('x', 'y'), g('free', 'ghost'), g('y', 'x')]))).toEqual(['free', 'x', 'y']);
  });

  it('returns the same objects', () => {
    const gates = [g('b', 'a'), g('a')];
    const out = topoOrder(gates);
    expect(out[0]).toBe(gates[1]);
    expect(gates.map((x) => x.id)).toEqual(['b', 'a']);
  });
});

describe('findCycles', () => {
  it('finds none in a DAG', () => {
    expect(findCycles([g('a'), g('b', 'a'), g('c', 'a', 'b')])).toEqual([]);
  });

  it('reports a cycle once, starting at its earliest gate in file order', () => {
    expect(findCycles([g('x'), g('b', 'c'), g('a', 'b'), g('c', 'a')])).toEqual([['b', 'c', 'a', 'b']]);
  });

  it('reports separate cycles and self-loops', () => {
    expect(findCycles([g('a', 'b'), g('b', 'a'), g('c', 'c')])).toEqual([['a', 'b', 'a'], ['c', 'c']]);
  });
});
