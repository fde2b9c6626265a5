// Keeps the layers of DESIGN.md honest: the core is pure, only the shell
// imports electron, the renderer never reaches Node, and only the one
// composition root of the host imports native/.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The tree to check: this checkout, or the directory given (tests check small trees of their own).
const root = process.argv[2] ? resolve(process.argv[2]) : join(fileURLToPath(import.meta.url), '..', '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const NODE_IO = /^(node:)?(fs|fs\/promises|child_process|net|http|https|dgram|worker_threads|cluster|tls)$/;

const rules = [
  {
    dir: 'electron/core',
    forbid: (spec) =>
      /^(electron|react|react-dom|node-pty|better-sqlite3|ws|zustand|recharts)$/.test(spec) ||
      NODE_IO.test(spec) ||
      /(^|\/)native\//.test(spec) ||
      /(^|\/)(host|shell|cli)\//.test(spec),
    why: 'the core is pure: it reaches I/O only through its ports',
  },
  {
    dir: 'renderer',
    forbid: (spec) => /^node:/.test(spec) || NODE_IO.test(spec) || /^(electron|node-pty|better-sqlite3|ws)$/.test(spec) || /(^|\/)(native|electron)\//.test(spec) && !/electron\/contract\//.test(spec),
    why: 'the renderer sees nothing but CockpitApi',
  },
];
// One composition root: it alone wires native adapters in; the rest of the host, the CLI and the shell see ports.
const COMPOSITION_ROOT = 'electron/host/composition-root.ts';
const nativeOutsideRoot = {
  dirs: ['electron/host', 'electron/cli', 'electron/shell'],
  forbid: (spec) => /(^|\/)native\//.test(spec),
  except: (file) => relative(root, file).split('\\').join('/') === COMPOSITION_ROOT,
  why: `only ${COMPOSITION_ROOT} imports native/ (the one composition root); use its ports`,
};
const electronOutsideShell = {
  dirs: ['electron/core', 'electron/host', 'electron/cli', 'native', 'renderer'],
  forbid: (spec) => spec === 'electron' || spec.startsWith('electron/'),
  why: 'only electron/shell imports electron',
};

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mts|cts)$/.test(name)) yield p;
  }
}

const problems = [];
function check(dir, forbid, why, except = () => false) {
  for (const file of files(join(root, dir))) {
    if (except(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (spec && forbid(spec)) {
        const line = text.slice(0, m.index).split('\n').length + (text[m.index] === '\n' ? 1 : 0);
        problems.push(`${relative(root, file)}:${line}: imports "${spec}" (${why})`);
      }
    }
  }
}
for (const r of rules) check(r.dir, r.forbid, r.why);
for (const d of electronOutsideShell.dirs) check(d, electronOutsideShell.forbid, electronOutsideShell.why);
for (const d of nativeOutsideRoot.dirs) check(d, nativeOutsideRoot.forbid, nativeOutsideRoot.why, nativeOutsideRoot.except);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} layer violation(s)`);
  process.exit(1);
}
console.log('layers ok');
