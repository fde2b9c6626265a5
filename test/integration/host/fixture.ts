/** A tiny plan for the serve tests, in a fresh temp dir. */
import { readFileSync } from 'node:fs';
import { workspace, type Workspace } from '../../helpers/cli';

export const PLAN = `version: 1
release: host-test
candidate: rc-1
gates:
  - id: hello
    title: Says hello a lot
    run: sh ./chatty.sh
  - id: slow
    title: Takes its time
    run: sh ./slow.sh
    timeout: 5m
  - id: after-hello
    needs: [hello]
    run: echo after
`;

/** About 280 KB: more than the flow-control high watermark, so acks matter. */
const CHATTY = `i=0
while [ $i -lt 4000 ]; do
  echo "line $i: the quick brown fox jumps over the lazy dog 0123456789"
  i=$((i+1))
done
printf 'done \\342\\234\\223\\n'
`;

/** Records its own pid and its child's, then waits for a long time. */
const SLOW = `echo "slow started"
sleep 300 &
echo "$$ $!" > pids.txt
wait
`;

export function planWorkspace(): Workspace & { plan: string } {
  const ws = workspace('cockpit-host-');
  const plan = ws.write('plan/plan.yaml', PLAN);
  ws.write('plan/chatty.sh', CHATTY);
  ws.write('plan/slow.sh', SLOW);
  return { ...ws, plan };
}

/**
 * A process that still runs. A zombie does not count: it has exited, and
 * waits only for a reaper (on some CI VMs pid 1 never reaps orphans).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}
