/**
 * Gates with `on: HOST`: the system `ssh -tt` runs the command in a pty on the
 * host, inside our own drained pty (LocalPtyExecutor), so output, masking and
 * the log work exactly as for local gates. The remote login shell records its
 * pid/pgid in a per-attempt state directory; cancel and timeout kill that
 * process group (and its descendants) over a second ssh connection.
 */
import { appendFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { AttemptExecutor, AttemptHandle, AttemptOutcome, AttemptSpec } from '../../electron/core/runs/ports';
import type { HostDef } from '../../electron/core/plan/types';
import { CANCEL, REMOVE_STATE_DIR } from '../durable/target-scripts';
import { AttemptLifecycle } from '../exec/attempt-lifecycle';
import { LocalPtyExecutor } from '../pty/local-executor';
import { remoteStateDir } from './remote-dir';
import { RemoteMetricsCopy } from './remote-metrics';
import { sshArgv } from './ssh-args';
import { describeSshFailure, resolveHost } from './ssh-diagnose';
import { dirExpr, exportLines, shJoin, shQuote } from './shell-quote';
import { SshShell } from './shell-transport';

/** After the remote kill, the local ssh gets this long to notice before it is killed too. */
const LOCAL_EXIT_WAIT_MS = 5000;
const KEEP_OUTPUT = 32 * 1024;

export class SshPtyExecutor implements AttemptExecutor {
  constructor(private readonly local: AttemptExecutor = new LocalPtyExecutor()) {}

  start(spec: AttemptSpec): AttemptHandle {
    const host = spec.target?.host;
    if (!host) throw new Error('an ssh attempt needs its host (AttemptSpec.target.host)');
    return new SshAttempt(spec, host, this.local);
  }
}

/**
 * The command the remote login shell runs: `cd <cwd> && env COCKPIT_METRICS=… sh -c '<run>'`,
 * after recording its pid/pgid, and leaving the exit code for the metrics follower.
 */
export function remoteCommand(spec: AttemptSpec, dir: string, visible: Record<string, string>, sourceEnv: boolean): string {
  const assigns = Object.entries(visible).map(([k, v]) => `${k}=${shQuote(v)}`);
  const prelude = sourceEnv ? '. "$D/env.sh" && rm -f "$D/env.sh" && ' : '';
  return [
    `cd && mkdir -p ${dirExpr(dir)} && cd ${dirExpr(dir)} && D=$(pwd -P) && echo $$ > pid && echo $$ > pgid`,
    `&& cd ${dirExpr(spec.cwd)} && { ${prelude}env ${assigns.join(' ')} COCKPIT_METRICS="$D/metrics.jsonl" sh -c ${shQuote(spec.command)};`,
    'c=$?; echo $c > "$D/exit_code.tmp" && mv "$D/exit_code.tmp" "$D/exit_code"; exit $c; }',
  ].join(' ');
}

class SshAttempt extends AttemptLifecycle {
  private readonly shell: SshShell;
  private readonly dir: string;
  private inner: AttemptHandle | null = null;
  private output = '';

  constructor(spec: AttemptSpec, private readonly host: HostDef, private readonly local: AttemptExecutor) {
    super(spec);
    this.shell = new SshShell(host);
    this.dir = remoteStateDir(spec.target!.label, spec.target!.attempt);
    this.done = this.run();
  }

  get pid(): number {
    return this.inner?.pid ?? 0;
  }

  protected canStop(): boolean {
    return this.inner !== null;
  }

  private async run(): Promise<AttemptOutcome> {
    const t = this.spec.target!;
    // Values holding a secret travel on stdin into a 0600 file, never on a command line.
    const env = { ...t.env };
    delete env.COCKPIT_METRICS;
    const hidden: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) {
      if (this.spec.secrets.some((s) => s !== '' && v.includes(s))) {
        hidden[k] = v;
        delete env[k];
      }
    }
    const sourceEnv = Object.keys(hidden).length > 0;
    if (sourceEnv) {
      const r = await this.shell.run('cd && mkdir -p "$1" && cd "$1" && (umask 077; cat > env.sh)', [this.dir], { stdin: exportLines(hidden) });
      if (r.code !== 0) this.output = r.stderr;
    }
    const argv = sshArgv(this.host, remoteCommand(this.spec, this.dir, env, sourceEnv), { tty: true });
    const inner = this.local.start({ ...this.spec, command: `exec ${shJoin(['ssh', ...argv])}`, cwd: homedir(), timeoutMs: undefined, target: undefined });
    this.inner = inner;
    const sub = inner.onData((chunk) => {
      this.keep(chunk);
      this.view.emit(chunk);
    });
    this.armTimeout(Date.now());
    const metrics = new RemoteMetricsCopy(this.shell, this.dir, t.metricsPath);
    this.stopIfAsked();
    const outcome = await inner.done;
    this.settle();
    sub.dispose();
    await metrics.finish(outcome.exitCode === 255 ? 0 : 5000);
    // The attempt is stored: its state on the host (pid, exit code, metrics) goes. A host that cannot be
    // reached now (ssh's own exit 255) keeps it; it holds no output and no secret (env.sh is read and removed first).
    if (outcome.exitCode !== 255 && process.env.COCKPIT_KEEP_RUN_DIRS !== '1') await this.shell.run(REMOVE_STATE_DIR, [this.dir], { timeoutMs: 30_000 });
    return this.explain({ ...outcome, cancelled: this.cancelled, timedOut: this.timedOut });
  }

  /** ssh's own failures (exit 255) get a clear, actionable message in the outcome and the log. */
  private async explain(o: AttemptOutcome): Promise<AttemptOutcome> {
    if (o.exitCode !== 255 || o.cancelled || o.timedOut) return o;
    const reason = describeSshFailure(this.output, await resolveHost(this.host), this.host);
    if (!reason) return o;
    const line = Buffer.from(`\r\ncockpit: ${reason}\r\n`);
    try {
      appendFileSync(this.spec.logPath, line);
      this.view.emit(line);
      return { ...o, reason, logBytes: o.logBytes + line.length };
    } catch {
      return { ...o, reason };
    }
  }

  private keep(chunk: Buffer): void {
    this.output += chunk.toString('utf8');
    if (this.output.length > 2 * KEEP_OUTPUT) this.output = this.output.slice(0, KEEP_OUTPUT) + this.output.slice(-KEEP_OUTPUT);
  }

  /** TERM/KILL the remote process group over a second connection; then the local ssh, if still there. */
  protected async stopTree(): Promise<void> {
    const grace = String(Math.max(1, Math.ceil(this.spec.graceMs / 1000)));
    const r = await this.shell.run(CANCEL, [this.dir, grace], { timeoutMs: Number(grace) * 1000 + 30_000 });
    if (r.code === 0) await Promise.race([this.done.catch(() => undefined), new Promise((res) => setTimeout(res, LOCAL_EXIT_WAIT_MS).unref())]);
    if (!this.finished) this.inner?.cancel();
  }
}
