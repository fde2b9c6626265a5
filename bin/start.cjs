#!/usr/bin/env node
'use strict';
// `npm start` (after `node build/bundle.mjs`): the desktop app. When
// Electron's binary is missing it is fetched first with Electron's own
// installer; only where that fails (an offline machine) does this say why in
// one line and start the browser version (`serve`) on the example plan.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const net = require('node:net');
const { join } = require('node:path');
const { electronBinary, electronVersion, fetchElectron } = require('./start/electron-binary.cjs');
const { electronSqlite } = require('./start/electron-natives.cjs');

const root = join(__dirname, '..');
const FIRST_PORT = 4870;

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function freePort() {
  for (let port = FIRST_PORT; port < FIRST_PORT + 30; port++) if (await portIsFree(port)) return port;
  return 0;
}

function runChild(command, args, env) {
  const child = spawn(command, args, { stdio: 'inherit', env });
  // Ctrl-C reaches the child through the terminal's process group; a TERM or HUP sent to us alone is passed on.
  process.on('SIGINT', () => undefined);
  for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code !== null ? code : signal ? 1 : 0));
  child.on('error', (err) => {
    process.stderr.write(`start: cannot run ${command}: ${err.message}\n`);
    process.exit(3);
  });
}

async function desktopBinary() {
  const found = electronBinary(root);
  if (found) return { binary: found };
  const version = electronVersion(root) || '';
  const from = process.env.ELECTRON_MIRROR ? ` from ${process.env.ELECTRON_MIRROR}` : '';
  process.stdout.write(`Electron ${version} is not installed; fetching it with its installer${from} (about 100 MB)...\n`);
  const reason = await fetchElectron(root);
  if (reason) return { binary: null, reason };
  const binary = electronBinary(root);
  return binary ? { binary } : { binary: null, reason: 'the installer finished but left no binary' };
}

async function main() {
  const shellMain = join(root, 'dist', 'shell', 'main.cjs');
  const cli = join(root, 'dist', 'cli.cjs');
  if (!existsSync(shellMain) || !existsSync(cli)) {
    process.stderr.write('start: not built yet; run `npm run build` first\n');
    process.exit(3);
  }
  const { binary, reason: noBinary } = await desktopBinary();
  let reason = noBinary;
  if (binary) {
    const sqlite = await electronSqlite(root, electronVersion(root) || '');
    if (sqlite.binding) {
      const env = { ...process.env, COCKPIT_SQLITE_BINDING: sqlite.binding };
      delete env.ELECTRON_RUN_AS_NODE;
      return runChild(binary, [shellMain, ...process.argv.slice(2)], env);
    }
    reason = sqlite.reason;
  }
  const what = binary ? 'No desktop app' : 'No Electron binary';
  process.stdout.write(`${what}: ${reason}. Starting the browser version instead.\n`);
  const plan = join(root, 'resources', 'plans', 'example.yaml');
  const port = await freePort();
  const args = [cli, 'serve', ...(existsSync(plan) ? [plan] : []), '--port', String(port), ...process.argv.slice(2)];
  runChild(process.execPath, args, process.env);
}

main();
