/**
 * The layer and cycle lints, run on small trees of their own: they pass a
 * tree that keeps the rules and fail, naming file and rule, on one that
 * breaks them (a second host file importing native/, a type-only cycle).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-lint-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const lint = (script: string, dir: string) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'build', script), dir], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
};

const base = {
  'native/fs/data-dir.ts': 'export const x = 1;\n',
  'electron/host/composition-root.ts': "import { x } from '../../native/fs/data-dir';\nexport const y = x;\n",
  'electron/host/feature.ts': "import { y } from './composition-root';\nexport const z = y;\n",
};

describe('build/lint-layers.mjs: one composition root', () => {
  it('passes when only the composition root imports native/', () => {
    expect(lint('lint-layers.mjs', tree(base))).toEqual({ code: 0, out: 'layers ok\n' });
  });

  it('fails when a second host file imports native/, even for a type, naming the file', () => {
    const r = lint('lint-layers.mjs', tree({ ...base, 'electron/host/sneaky.ts': "import type { X } from '../../native/fs/data-dir';\n" }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/electron\/host\/sneaky\.ts:1: imports "\.\.\/\.\.\/native\/fs\/data-dir" \(only electron\/host\/composition-root\.ts imports native\//);
    const cli = lint('lint-layers.mjs', tree({ ...base, 'electron/cli/commands/x.ts': "import '../../../native/fs/data-dir';\n" }));
    expect(cli.code).toBe(1);
  });
});

describe('build/lint-cycles.mjs', () => {
  it('fails on a cycle made of type-only imports, printing the loop', () => {
    const r = lint('lint-cycles.mjs', tree({
      'electron/core/a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n",
      'electron/core/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
    }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/import cycle \(2 files\): electron\/core\/a\.ts -> electron\/core\/b\.ts -> electron\/core\/a\.ts/);
    expect(lint('lint-cycles.mjs', tree(base))).toEqual({ code: 0, out: 'no import cycles (3 files)\n' });
  });
});
