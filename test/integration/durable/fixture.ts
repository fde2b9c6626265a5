/** Shared by the durable-run tests: a counting gate, its plan, the host processes, and exactness checks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../../helpers/cli';

/** Prints `line N` every 100 ms and appends one metric point per line. */
export function countingGate(lines: number): string {
  return [
    `i=1; while [ $i -le ${lines} ]; do`,
    '  echo "line $i"; echo "{\\"metric\\":\\"count\\",\\"value\\":$i}" >> "$COCKPIT_METRICS"',
    '  i=$((i+1)); sleep 0.1',
    'done',
  ].join('\n');
}

/** A plan with one durable counting gate, local or `on: box`. */
export function durablePlan(tag: string, lines: number, hostYaml?: string): string {
  const run = countingGate(lines).split('\n').map((l) => `      ${l}`).join('\n');
  return [
    'version: 1', `release: ${tag}`, 'candidate: rc1',
    ...(hostYaml ? [`hosts:\n  box: ${hostYaml}`] : []),
    'gates:', '  - id: soak', '    durable: true', ...(hostYaml ? ['    on: box'] : []), '    timeout: 10m', '    run: |-', run, '',
  ].join('\n');
}

export interface Host {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

const started = new Set<ChildProcess>();

/** Kills every host a test started that is still alive (after a failed assertion). */
export function killHosts(): void {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  started.clear();
}

/** A cockpit process (`run`, `attach`, `serve`) as a user would start it. */
export function startCli(args: string[]): Host {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stdout!.on('data', () => undefined);
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  started.add(child);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, stderr: () => err, exited };
}

export function runFiles(db: string, tag: string, gate = 'soak', runNo = 1) {
  const dir = join(`${db}.files`, 'runs', `${tag}@rc1`, gate, `run-${runNo}`);
  return { dir, log: join(dir, 'attempt-1.log'), metrics: join(dir, 'metrics.jsonl') };
}

/** Numbers of the `line N` lines of a log, in order. */
export function numbersInLog(path: string): number[] {
  if (!existsSync(path)) return [];
  return [...readFileSync(path, 'utf8').matchAll(/^line (\d+)\r?$/gm)].map((m) => Number(m[1]));
}

export function valuesInMetrics(path: string): number[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { value: number }).value);
}

/** [1..n] exactly: nothing lost, nothing repeated, in order. */
export function oneToN(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
