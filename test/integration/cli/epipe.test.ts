import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../../helpers/cli';

describe('output into a pipe that closes early', () => {
  it('exits quietly instead of crashing with EPIPE', () => {
    // Once head has its 100 bytes, every later writer hits a closed pipe.
    const script = `for i in $(seq 1 20); do echo --help; done | xargs -n1 node "${CLI}" 2>err.txt | head -c 100 >/dev/null; cat err.txt; rm -f err.txt`;
    const r = spawnSync('sh', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).not.toMatch(/EPIPE|Error:|\n\s+at /);
  });
});
