// Keeps the layers of DESIGN.md honest: the core is pure, only the shell
// imports electron, and the renderer never reaches Node.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
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
    forbid: (spec) => /^node:/.test(spec) || NODE_IO.test(spec) || /^(electron|node-pty|better-sqlite3|ws)$/.test(spec) || /(^|\/)(native|electron)\//.test(spec) && !/electron\/host\/api/.test(spec),
    why: 'the renderer sees nothing but CockpitApi',
  },
];
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
function check(dir, forbid, why) {
  for (const file of files(join(root, dir))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec && forbid(spec)) {
        const line = text.slice(0, m.index).split('\n').length + (text[m.index] === '\n' ? 1 : 0);
        problems.push(`${relative(root, file)}:${line}: imports "${spec}" (${why})`);
      }
    }
  }
}
for (const r of rules) check(r.dir, r.forbid, r.why);
for (const d of electronOutsideShell.dirs) check(d, electronOutsideShell.forbid, electronOutsideShell.why);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} layer violation(s)`);
  process.exit(1);
}
console.log('layers ok');
