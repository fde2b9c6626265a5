// `npm start` (bin/start.cjs, after the build) as a child, read until it
// serves the browser version or exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..', '..');

export interface Started {
  child: ChildProcess;
  /** Every line printed, once the serve line is out or the process has exited. */
  lines: Promise<string[]>;
}

export function start(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Started {
  const child = spawn(process.execPath, [join(root, 'bin', 'start.cjs')], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = new Promise<string[]>((resolve, reject) => {
    let out = '';
    const done = () => resolve(out.split('\n').filter(Boolean));
    const timer = setTimeout(() => reject(new Error(`start neither served nor exited in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const take = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (/Release Cockpit at http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(out)) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.on('close', () => {
      clearTimeout(timer);
      done();
    });
  });
  return { child, lines };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  child.kill('SIGKILL');
}
