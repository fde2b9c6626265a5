'use strict';
// better-sqlite3 for Electron's ABI, for the desktop app run from a checkout.
// node_modules keeps Node's build, which the CLI, serve and the tests load.
// The app's host runs inside Electron, whose ABI differs, and better-sqlite3
// is not an N-API addon (node-pty 1.x is, so one build loads in both). So
// `npm start` builds a second copy once, in a cache keyed by both versions,
// and names it to the app in COCKPIT_SQLITE_BINDING. A packaged app never
// reads it: electron-builder rebuilds the natives it ships.
const { spawn } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Compiling SQLite takes about 90 s on two cores; a stalled download must not hold `npm start` for ever. */
const BUILD_TIMEOUT_MS = 10 * 60 * 1000;

function sqliteVersion(root) {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
}

/** The cache directory for this better-sqlite3, Electron, platform and arch. */
function nativeCacheDir(root, electronVersion, env = process.env) {
  const base = env.COCKPIT_NATIVE_CACHE || join(root, 'node_modules', '.cache', 'release-cockpit');
  return join(base, `better-sqlite3-${sqliteVersion(root)}-electron-${electronVersion}-${process.platform}-${process.arch}`);
}

function bindingIn(dir) {
  return join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** The stamp is written last, so a directory without it is an unfinished build and is never used. */
const STAMP = 'built-for.json';

function cachedBinding(dir) {
  return existsSync(join(dir, STAMP)) && existsSync(bindingIn(dir)) ? bindingIn(dir) : null;
}

const DEFAULT_HEADERS = 'https://www.electronjs.org/headers';

/**
 * One line from the builder's output: node-gyp's first error paragraph (its
 * last line only says that node-gyp failed), with where the headers come from.
 */
function reasonOf(output, code, signal, env = process.env) {
  const lines = output.split(/\r?\n/).map((l) => l.trim());
  const start = lines.findIndex((l) => /^(Error|gyp ERR!)\b/.test(l));
  let text = '';
  if (start >= 0) {
    const end = lines.indexOf('', start);
    text = lines
      .slice(start, end < 0 ? undefined : end)
      .filter((l) => !l.startsWith('at '))
      .join(' ')
      .replace(/^Error:\s*/, '')
      .replace(/\s+/g, ' ');
  }
  if (!text) text = lines.filter((l) => l && !l.startsWith('at ')).pop() || '';
  if (!text) return signal ? `the build was stopped (${signal})` : `the build exited with code ${code}`;
  if (text.length > 200) text = `${text.slice(0, 197)}...`;
  return `${text} (Electron's headers come from ${env.ELECTRON_REBUILD_DIST_URL || DEFAULT_HEADERS})`;
}

/**
 * npm's settings that point node-gyp at other headers. Under `npm start` npm
 * passes its config on as npm_config_*, and a `nodedir` there (Debian's npm
 * sets /usr) would compile against Node's headers: a build that says it is
 * for Electron and cannot load in it.
 */
const NODE_GYP_OVERRIDES = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i;

function rebuildEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !NODE_GYP_OVERRIDES.test(key)));
}

function runRebuild(buildPath, electronVersion, { env, timeoutMs }) {
  const script = join(__dirname, 'rebuild-sqlite.mjs');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, buildPath, electronVersion, process.arch], { env: rebuildEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      if (output.length < 64 * 1024) output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\nno build after ${Math.round(timeoutMs / 1000)} s`;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve(`cannot run the build: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : reasonOf(output, code, signal, env));
    });
  });
}

/**
 * Resolves to `{ binding }` (the addon's path, built now or before) or to
 * `{ reason }` (one line). It builds in a temporary directory beside the
 * cache and renames it into place, so a stopped build leaves nothing used.
 */
async function electronSqlite(root, electronVersion, { env = process.env, timeoutMs = BUILD_TIMEOUT_MS, log = process.stdout } = {}) {
  let dir;
  try {
    dir = nativeCacheDir(root, electronVersion, env);
  } catch (err) {
    return { reason: `better-sqlite3 is not installed (${err.message})` };
  }
  const cached = cachedBinding(dir);
  if (cached) return { binding: cached };

  log.write(`Building better-sqlite3 for Electron ${electronVersion} once (about 2 minutes)...\n`);
  const work = `${dir}.partial-${process.pid}`;
  try {
    rmSync(work, { recursive: true, force: true });
    const target = join(work, 'node_modules', 'better-sqlite3');
    mkdirSync(target, { recursive: true });
    // Node's build stays behind: the copy must be built for Electron, never taken as it is.
    cpSync(join(root, 'node_modules', 'better-sqlite3'), target, {
      recursive: true,
      filter: (src) => !/[\\/]better-sqlite3[\\/]build([\\/]|$)/.test(src),
    });
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'cockpit-electron-natives', private: true, dependencies: { 'better-sqlite3': sqliteVersion(root) } }));
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    return { reason: `cannot prepare the build in ${work}: ${err.message}` };
  }
  const reason = await runRebuild(work, electronVersion, { env, timeoutMs });
  if (reason || !existsSync(bindingIn(work))) {
    rmSync(work, { recursive: true, force: true });
    return { reason: `better-sqlite3 could not be built for Electron: ${reason || 'the build left no addon'}` };
  }
  writeFileSync(join(work, STAMP), JSON.stringify({ electron: electronVersion, platform: process.platform, arch: process.arch }));
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return { binding: bindingIn(dir) };
}

module.exports = { electronSqlite, nativeCacheDir, bindingIn, reasonOf, STAMP };
