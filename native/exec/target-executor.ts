/**
 * Picks the executor for an attempt from where and how its gate runs:
 * durable (local or on a host) -> DurableExecutor; `on: HOST` -> ssh -tt in a
 * pty; otherwise a local pty.
 */
import type { AttemptExecutor, AttemptHandle, AttemptSpec } from '../../electron/core/runs/ports';
import type { DurableExecutor } from '../durable/durable-executor';
import { SshPtyExecutor } from '../ssh/ssh-executor';

export class TargetExecutor implements AttemptExecutor {
  private readonly ssh: AttemptExecutor;

  constructor(
    private readonly local: AttemptExecutor,
    readonly durable: DurableExecutor,
    ssh?: AttemptExecutor,
  ) {
    this.ssh = ssh ?? new SshPtyExecutor(local);
  }

  start(spec: AttemptSpec): AttemptHandle {
    if (spec.target?.durable) return this.durable.start(spec);
    if (spec.target?.host) return this.ssh.start(spec);
    return this.local.start(spec);
  }
}
