'use strict';
// Where Electron's binary is, found without require('electron') (its index.js
// throws when the binary is missing), and how to fetch it with Electron's own
// installer. electron 45 has no postinstall: `npm install` leaves the binary
// out, and only node_modules/electron/install.js brings it. That installer
// honours ELECTRON_MIRROR, electron_config_cache and the checksums it ships.
const { spawn } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/** A download that stalls must not hold `npm start` for ever. */
const INSTALL_TIMEOUT_MS = 15 * 60 * 1000;

function electronPackage(root) {
  return join(root, 'node_modules', 'electron');
}

function electronBinary(root, env = process.env) {
  const pkg = electronPackage(root);
  let rel = '';
  try {
    rel = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    // no path.txt: the binary was never installed
  }
  const candidates = [];
  if (env.ELECTRON_OVERRIDE_DIST_PATH) candidates.push(join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron'));
  if (rel) candidates.push(join(pkg, 'dist', rel));
  return candidates.find((p) => existsSync(p)) || null;
}

function electronVersion(root) {
  try {
    return JSON.parse(readFileSync(join(electronPackage(root), 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/** The first line that says what went wrong, from the installer's stack trace, with where it downloads from. */
function reasonOf(stderr, code, signal, env = process.env) {
  const first = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !l.startsWith('Downloading '));
  if (first) {
    const line = first.length > 240 ? `${first.slice(0, 237)}...` : first;
    return /https?:\/\//.test(line) ? line : `${line} (downloading from ${env.ELECTRON_MIRROR || DEFAULT_MIRROR})`;
  }
  return signal ? `the installer was stopped (${signal})` : `the installer exited with code ${code}`;
}

/**
 * Runs Electron's installer. Its progress bar (shown after 30 s of
 * downloading) is passed through; everything else it prints is kept for the
 * one-line reason. Resolves to null on success, or to the reason.
 */
function fetchElectron(root, { env = process.env, timeoutMs = INSTALL_TIMEOUT_MS, progress = process.stderr } = {}) {
  const installer = join(electronPackage(root), 'install.js');
  if (!existsSync(installer)) return Promise.resolve('node_modules/electron is not installed (run npm install)');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: electronPackage(root), env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => {
      stderr = `no binary after ${Math.round(timeoutMs / 1000)} s\n` + stderr;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.stderr.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      if (/Downloading .*%/.test(text)) progress.write(text);
      else if (stderr.length < 64 * 1024) stderr += text;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve(`cannot run the installer: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : reasonOf(stderr, code, signal, env));
    });
  });
}

module.exports = { electronBinary, electronVersion, fetchElectron, reasonOf };
