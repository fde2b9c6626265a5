/**
 * A real OpenSSH server for tests: 127.0.0.1 on a spare port, its own host key,
 * a throwaway client key, and the known_hosts/ssh_config files a plan points at.
 * `null` when /usr/sbin/sshd is not installed (tests then skip, saying so).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';
export const sshdMissing = !existsSync(SSHD) ? `${SSHD} is not installed (apt-get install -y openssh-server); ssh tests skipped` : null;

export interface TestSshd {
  port: number;
  dir: string;
  /** Client private key. */
  identity: string;
  /** known_hosts with the server's key: `[127.0.0.1]:PORT ssh-ed25519 AAAA…`. */
  knownHosts: string;
  /** An empty known_hosts (unknown host key). */
  emptyKnownHosts: string;
  /** known_hosts holding another key for the same host (changed host key). */
  wrongKnownHosts: string;
  sshConfig: string;
  /** `hosts:` entry for a plan, in YAML flow form. */
  hostYaml(knownHosts?: string, extra?: string): string;
  stop(): Promise<void>;
}

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'cockpit-test', '-f', file]);
const pubKey = (file: string) => readFileSync(`${file}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');

export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-sshd-'));
  for (const k of ['host_key', 'client_key', 'other_key']) keygen(join(dir, k));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  mkdirSync('/run/sshd', { recursive: true });
  let child: ChildProcess | null = null;
  let port = 0;
  for (let tries = 0; tries < 5 && !child; tries++) {
    port = await sparePort();
    const config = join(dir, 'sshd_config');
    writeFileSync(config, [
      'ListenAddress 127.0.0.1', `Port ${port}`, `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no', 'UsePAM no', 'PermitRootLogin yes', 'PasswordAuthentication no',
      'KbdInteractiveAuthentication no', 'MaxStartups 100:30:200', 'MaxSessions 100', '',
    ].join('\n'));
    const c = spawn(SSHD, ['-f', config, '-D', '-e'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    c.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && c.exitCode === null && !(await canConnect(port))) await new Promise((r) => setTimeout(r, 50));
    if (c.exitCode === null && (await canConnect(port))) child = c;
    else {
      c.kill('SIGKILL');
      if (tries === 4) throw new Error(`sshd did not start: ${log}`);
    }
  }
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${pubKey(join(dir, 'host_key'))}\n`);
  const emptyKnownHosts = join(dir, 'empty_known_hosts');
  writeFileSync(emptyKnownHosts, '');
  const wrongKnownHosts = join(dir, 'wrong_known_hosts');
  writeFileSync(wrongKnownHosts, `[127.0.0.1]:${port} ${pubKey(join(dir, 'other_key'))}\n`);
  const sshConfig = join(dir, 'ssh_config');
  writeFileSync(sshConfig, 'Host *\n  ConnectTimeout 10\n');
  const identity = join(dir, 'client_key');
  const sshd = child!;
  return {
    port, dir, identity, knownHosts, emptyKnownHosts, wrongKnownHosts, sshConfig,
    hostYaml: (kh = knownHosts, extra = '') =>
      `{ ssh: root@127.0.0.1, port: ${port}, identityFile: ${JSON.stringify(identity)}, knownHosts: ${JSON.stringify(kh)}, sshConfig: ${JSON.stringify(sshConfig)}${extra} }`,
    stop: async () => {
      const gone = new Promise((r) => sshd.once('exit', r));
      sshd.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a describe block of durable runs on a host: starts an sshd before its
 * tests, and afterwards stops it and removes the remote run directory of
 * release `tag` (candidate rc1) from this machine's home.
 */
export function sshdForSuite(tag: string, hooks: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void }): () => TestSshd {
  let sshd: TestSshd | undefined;
  hooks.beforeAll(async () => {
    sshd = await startSshd();
  });
  hooks.afterAll(async () => {
    await sshd?.stop();
    rmSync(join(homedir(), '.release-cockpit', 'runs', `${tag}@rc1`), { recursive: true, force: true });
  });
  return () => {
    if (!sshd) throw new Error('the sshd has not started');
    return sshd;
  };
}
