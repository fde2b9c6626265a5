// No import cycles in electron/, native/ and renderer/, type-only imports
// included: a cycle means two files are one idea split in two, or that a
// layer reaches back up. Prints each cycle as the chain of files that forms it.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The tree to check: this checkout, or the directory given (tests check small trees of their own).
const root = process.argv[2] ? resolve(process.argv[2]) : join(fileURLToPath(import.meta.url), '..', '..');
const DIRS = ['electron', 'native', 'renderer'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* files(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

function resolveSpec(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

const graph = new Map();
for (const d of DIRS) {
  for (const file of files(join(root, d))) {
    const text = readFileSync(file, 'utf8');
    const deps = new Set();
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveSpec(file, m[1] ?? m[2] ?? m[3] ?? m[4]);
      if (target) deps.add(target);
    }
    graph.set(file, [...deps]);
  }
}

// Tarjan's strongly connected components; every component of two or more files (or a self-import) is a cycle.
let index = 0;
const stack = [];
const on = new Set();
const idx = new Map();
const low = new Map();
const cycles = [];
function connect(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!idx.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(comp);
  }
}
for (const v of graph.keys()) if (!idx.has(v)) connect(v);

/** One concrete loop through a component, for the message. */
function loopIn(comp) {
  const inComp = new Set(comp);
  const start = comp.slice().sort()[0];
  const seen = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const path = [v];
        for (let p = seen.get(v); p; p = seen.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (inComp.has(w) && !seen.has(w)) {
        seen.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp;
}

if (cycles.length > 0) {
  for (const c of cycles) console.error(`import cycle (${c.length} files): ${loopIn(c).map((f) => relative(root, f)).join(' -> ')}`);
  console.error(`${cycles.length} import cycle(s)`);
  process.exit(1);
}
console.log(`no import cycles (${graph.size} files)`);
