#!/usr/bin/env node
'use strict';
// `npm start` (after `node build/bundle.mjs`): the desktop app when an
// Electron binary is present, otherwise the browser version (`serve`) on the
// example plan. Electron cannot be downloaded on our build machines, so the
// binary is looked for without require('electron'), whose index.js would try
// to download it.
const { spawn } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const net = require('node:net');
const { join } = require('node:path');

const root = join(__dirname, '..');
const FIRST_PORT = 4870;

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  let rel = '';
  try {
    rel = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    // no path.txt: the binary was never installed
  }
  const candidates = [];
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) candidates.push(join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron'));
  if (rel) candidates.push(join(pkg, 'dist', rel));
  return candidates.find((p) => existsSync(p)) || null;
}

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

async function main() {
  const binary = electronBinary();
  const shellMain = join(root, 'dist', 'shell', 'main.cjs');
  if (binary && existsSync(shellMain)) {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    return runChild(binary, [shellMain, ...process.argv.slice(2)], env);
  }
  const cli = join(root, 'dist', 'cli.cjs');
  if (!existsSync(cli)) {
    process.stderr.write('start: not built yet; run `npm run build` first\n');
    process.exit(3);
  }
  process.stdout.write('No Electron binary on this machine (offline); starting the browser version instead.\n');
  const plan = join(root, 'resources', 'plans', 'example.yaml');
  const port = await freePort();
  const args = [cli, 'serve', ...(existsSync(plan) ? [plan] : []), '--port', String(port), ...process.argv.slice(2)];
  runChild(process.execPath, args, process.env);
}

main();
