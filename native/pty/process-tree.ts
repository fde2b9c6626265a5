/**
 * Kills a gate's whole process tree.
 *
 * The pty child is a session leader (node-pty calls setsid), so everything it starts is in its
 * session, even background jobs and double forks whose parent already died. Some of them may
 * have moved to another process group (`set -m` job control), so on POSIX we signal the process
 * group `-pid` AND every process whose session id is `pid`. (A process that called setsid itself
 * has left the session and is out of reach by design.) Linux reads /proc;
 * macOS asks `ps` (falling back to the group only when it cannot tell sessions apart).
 * Windows: `taskkill /T /F`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export const KILL_WAIT_MS = 2000;
const POLL_MS = 25;

interface ProcInfo {
  pid: number;
  pgid: number;
  /** NaN when the platform does not tell (then only the group is used). */
  sid: number;
  zombie: boolean;
}

function listLinux(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue; // exited while we were scanning
    }
    // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.push({ pid: Number(name), pgid: Number(fields[2]), sid: Number(fields[3]), zombie: fields[0] === 'Z' });
  }
  return out;
}

function listPs(): ProcInfo[] {
  let text: string;
  try {
    text = execFileSync('ps', ['-axo', 'pid=,pgid=,sess=,stat='], { encoding: 'latin1', timeout: 5000 });
  } catch {
    return [];
  }
  const out: ProcInfo[] = [];
  for (const line of text.split('\n')) {
    const [pid, pgid, sess, stat] = line.trim().split(/\s+/);
    if (!pid) continue;
    // Some BSD ps builds print a session pointer here, not an id: then it never matches a pid.
    const sid = /^\d+$/.test(sess ?? '') ? Number(sess) : Number.NaN;
    out.push({ pid: Number(pid), pgid: Number(pgid), sid, zombie: (stat ?? '').startsWith('Z') });
  }
  return out;
}

/** Live (non-zombie) processes in `leader`'s process group or session, the leader included. */
export function treeMembers(leader: number): number[] {
  if (!isSafeLeader(leader) || process.platform === 'win32') return [];
  const all = process.platform === 'linux' ? listLinux() : listPs();
  return all.filter((p) => !p.zombie && (p.pgid === leader || p.sid === leader)).map((p) => p.pid);
}

/** Never signal ourselves, init, or "every process" by accident (pid 0, 1, -1, NaN). */
function isSafeLeader(pid: number): boolean {
  return Number.isInteger(pid) && pid > 1 && pid !== process.pid;
}

/** Sends `signal` to the tree of `pid`; returns the pids signalled (best effort, never throws). */
export function killTree(pid: number, signal: NodeJS.Signals): number[] {
  if (!isSafeLeader(pid)) return [];
  if (process.platform === 'win32') {
    execFile('taskkill', ['/T', '/F', '/PID', String(pid)], { windowsHide: true }, () => undefined);
    return [pid];
  }
  try {
    process.kill(-pid, signal);
  } catch {
    /* no such group any more */
  }
  const signalled: number[] = [];
  for (const member of treeMembers(pid)) {
    if (member === process.pid) continue;
    try {
      process.kill(member, signal);
      signalled.push(member);
    } catch {
      /* already gone */
    }
  }
  return signalled;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitGone(pid: number, ms: number, resend?: NodeJS.Signals): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (treeMembers(pid).length === 0) return true;
    if (performance.now() >= deadline) return false;
    await sleep(POLL_MS);
    if (resend) killTree(pid, resend);
  }
}

/**
 * TERM the tree, wait up to `graceMs` for it to go, then KILL it, re-scanning the session
 * while it dies so processes forked in the meantime die too. Resolves with the last signal
 * sent (null when there was nothing to kill).
 */
export async function terminateTree(pid: number, graceMs: number): Promise<NodeJS.Signals | null> {
  if (!isSafeLeader(pid)) return null;
  if (process.platform === 'win32') {
    killTree(pid, 'SIGKILL');
    return 'SIGKILL';
  }
  if (treeMembers(pid).length === 0) return null;
  killTree(pid, 'SIGTERM');
  if (await waitGone(pid, graceMs)) return 'SIGTERM';
  killTree(pid, 'SIGKILL');
  await waitGone(pid, KILL_WAIT_MS, 'SIGKILL');
  return 'SIGKILL';
}
