import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countByte, makeTmp, posixOnly, runAttempt } from './helpers';

const MiB = 1024 * 1024;

/** Numbered lines of varying length and content, about `bytes` in total. */
const GENERATOR = `BEGIN {
  s = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_=+.,;:!?/|[]{}()<>~"
  n = 0; i = 0
  while (n < target) {
    i++
    line = i " " substr(s, 1 + (i * 7) % 40, (i * 13) % 97) substr(s, 1, i % 5)
    print line
    n += length(line) + 1
  }
}`;

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

describe.skipIf(posixOnly)('LocalPtyExecutor drains all output', () => {
  const tmp = makeTmp('pty-drain');
  afterAll(() => tmp.remove());

  it('a fast-exiting 4 MiB writer loses nothing, 20 times in a row', async () => {
    for (let i = 0; i < 20; i++) {
      const r = await runAttempt(tmp.dir, "head -c 4194304 /dev/zero | tr '\\0' x; exit 3");
      expect(r.outcome.exitCode, `run ${i}`).toBe(3);
      expect(countByte(r.log, 0x78), `run ${i}`).toBe(4 * MiB);
      expect(r.log.length).toBe(4 * MiB);
      expect(r.outcome.logBytes).toBe(4 * MiB);
      expect(r.live.length).toBe(4 * MiB);
    }
  });

  it('stores 64 MiB of numbered lines exactly (CRLF read as LF)', async () => {
    const gen = join(tmp.dir, 'gen.awk');
    writeFileSync(gen, GENERATOR);
    const expectedPath = join(tmp.dir, 'expected.txt');
    execFileSync('sh', ['-c', `awk -v target=${64 * MiB} -f gen.awk > expected.txt`], { cwd: tmp.dir });
    const expected = readFileSync(expectedPath);
    expect(expected.length).toBeGreaterThanOrEqual(64 * MiB);

    const started = performance.now();
    let liveBytes = 0;
    const r = await runAttempt(tmp.dir, `awk -v target=${64 * MiB} -f gen.awk`, {}, (handle) => {
      handle.onData((chunk) => (liveBytes += chunk.length));
    });
    const seconds = (performance.now() - started) / 1000;
    expect(r.outcome.exitCode).toBe(0);

    const lines = countByte(expected, 0x0a);
    expect(countByte(r.log, 0x0d)).toBe(lines); // the pty turned every LF into CRLF, nothing else
    const stored = r.log.toString('latin1').replaceAll('\r\n', '\n');
    expect(countByte(Buffer.from(stored, 'latin1'), 0x0a)).toBe(lines);
    expect(sha256(Buffer.from(stored, 'latin1'))).toBe(sha256(expected));
    expect(liveBytes).toBe(r.log.length);
    expect(r.outcome.logBytes).toBe(r.log.length);
    console.log(`64 MiB capture: ${lines} lines, ${r.log.length} bytes in ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(30);
  });
});
