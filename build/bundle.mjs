// Bundles the CLI/host (Node), the Electron shell and the renderer with esbuild.
// Native modules stay external: they are loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync, mkdirSync, cpSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const external = ['better-sqlite3', 'node-pty', 'electron', 'bufferutil', 'utf-8-validate'];
// metafile: which sources went into which output, for the SBOM (build/release/sbom.ts reads out/bundle-inputs.json).
const quiet = { logLevel: 'warning', metafile: true, absWorkingDir: root };

const jobs = [
  build({
    ...quiet,
    entryPoints: [join(root, 'electron/cli.ts')],
    outfile: join(root, 'dist/cli.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    external,
  }),
  // The metrics parse worker (native/metrics/parse-channel.ts finds it next to the CLI or one level up).
  build({
    ...quiet,
    entryPoints: [join(root, 'native/metrics/parse-worker.ts')],
    outfile: join(root, 'dist/metrics-worker.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    external,
  }),
];

// The shell: main runs in Electron's Node; the preload runs sandboxed, where
// only `electron` can be required, so it is bundled for the browser platform
// (esbuild then refuses any Node built-in that would fail there).
const shell = [
  ['electron/shell/main.ts', 'dist/shell/main.cjs', 'node'],
  ['electron/shell/preload.ts', 'dist/shell/preload.cjs', 'browser'],
  // The host process (a utilityProcess of the app): the store, the runner and the API.
  ['electron/host/process/host-main.ts', 'dist/host/host.cjs', 'node'],
];
for (const [entry, out, platform] of shell) {
  if (!existsSync(join(root, entry))) continue;
  jobs.push(
    build({
      ...quiet,
      entryPoints: [join(root, entry)],
      outfile: join(root, out),
      bundle: true,
      platform,
      target: platform === 'node' ? 'node22' : 'chrome140',
      format: 'cjs',
      sourcemap: 'linked',
      external: platform === 'node' ? external : ['electron'],
    }),
  );
}

if (existsSync(join(root, 'renderer/main.tsx'))) {
  mkdirSync(join(root, 'dist/renderer'), { recursive: true });
  jobs.push(
    build({
      ...quiet,
      entryPoints: [join(root, 'renderer/main.tsx')],
      outdir: join(root, 'dist/renderer'),
      bundle: true,
      platform: 'browser',
      target: 'chrome120',
      format: 'esm',
      // COCKPIT_NO_MINIFY=1 keeps names readable in a Chromium CPU profile.
      minify: !process.env.COCKPIT_NO_MINIFY,
      sourcemap: 'linked',
      jsx: 'automatic',
      loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
      define: { 'process.env.NODE_ENV': '"production"' },
    }).then((result) => {
      cpSync(join(root, 'renderer/index.html'), join(root, 'dist/renderer/index.html'));
      return result;
    }),
  );
}

try {
  const results = await Promise.all(jobs);
  /** output file -> the input files esbuild put into it (paths relative to the repository). */
  const inputs = {};
  for (const { metafile } of results) {
    for (const [output, meta] of Object.entries(metafile.outputs)) {
      if (!output.endsWith('.map')) inputs[output] = Object.keys(meta.inputs).sort();
    }
  }
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(join(root, 'out', 'bundle-inputs.json'), JSON.stringify(inputs, null, 1) + '\n');
} catch (err) {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
}
