/** The gate dependency graph (`needs:`): cycle detection and run order. */

export interface DepNode {
  id: string;
  needs: string[];
}

/**
 * Cycles, each as a path that starts and ends at its earliest gate in file
 * order (`['a', 'b', 'a']`). Each cycle is reported once. Unknown ids are
 * ignored here; they are reported separately.
 */
export function findCycles(gates: readonly DepNode[]): string[][] {
  const index = new Map<string, number>();
  gates.forEach((g, i) => {
    if (!index.has(g.id)) index.set(g.id, i);
  });
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const cycles: string[][] = [];

  const visit = (id: string): void => {
    state.set(id, 'active');
    stack.push(id);
    for (const next of gates[index.get(id) as number].needs) {
      if (!index.has(next)) continue;
      const s = state.get(next);
      if (s === undefined) visit(next);
      else if (s === 'active') {
        const loop = stack.slice(stack.lastIndexOf(next));
        let start = 0;
        loop.forEach((n, i) => {
          if ((index.get(n) as number) < (index.get(loop[start]) as number)) start = i;
        });
        const rotated = [...loop.slice(start), ...loop.slice(0, start)];
        const key = rotated.join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...rotated, rotated[0]]);
        }
      }
    }
    stack.pop();
    state.set(id, 'done');
  };

  for (const g of gates) if (!state.has(g.id)) visit(g.id);
  return cycles;
}

/**
 * Gates in dependency order: a gate comes after everything it needs, and
 * otherwise keeps its file order. Never throws: gates caught in a cycle are
 * appended at the end in file order, and unknown needs are ignored.
 */
export function topoOrder<T extends DepNode>(gates: readonly T[]): T[] {
  const ids = new Set(gates.map((g) => g.id));
  const placed = new Set<string>();
  const out: T[] = [];
  const remaining = [...gates];
  let progressed = true;
  while (remaining.length > 0 && progressed) {
    progressed = false;
    for (let i = 0; i < remaining.length; i++) {
      const g = remaining[i];
      if (g.needs.every((n) => placed.has(n) || !ids.has(n))) {
        out.push(g);
        placed.add(g.id);
        remaining.splice(i, 1);
        progressed = true;
        break; // restart from the top so earlier gates keep precedence
      }
    }
  }
  return [...out, ...remaining];
}
