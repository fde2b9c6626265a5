import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalPtyExecutor } from '../../../native/pty/local-executor';
import { baseEnv, countByte, makeTmp, posixOnly } from './helpers';

const MiB = 1024 * 1024;

async function until(predicate: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const size = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

describe.skipIf(posixOnly)('LocalPtyExecutor live-view flow control', () => {
  const tmp = makeTmp('pty-live');
  afterAll(() => tmp.remove());

  it('while paused the log keeps growing; after resume the viewers get everything in order', async () => {
    const logPath = join(tmp.dir, 'paused.log');
    const go = join(tmp.dir, 'go');
    const handle = new LocalPtyExecutor().start({
      command: `head -c ${MiB} /dev/zero | tr '\\0' a; while [ ! -f ${go} ]; do sleep 0.02; done; printf tail`,
      cwd: tmp.dir,
      env: baseEnv(),
      secrets: [],
      graceMs: 500,
      logPath,
    });
    handle.pause();
    const live: Buffer[] = [];
    handle.onData((chunk) => live.push(Buffer.from(chunk)));
    // The log reaches the disk within a second, with the viewers paused.
    await until(() => size(logPath) === MiB);
    expect(live).toHaveLength(0);
    handle.resume();
    expect(countByte(Buffer.concat(live), 0x61)).toBe(MiB);
    writeFileSync(go, '');
    const outcome = await handle.done;
    const all = Buffer.concat(live);
    expect(outcome.exitCode).toBe(0);
    expect(all.toString('latin1')).toBe(`${'a'.repeat(MiB)}tail`);
    expect(outcome.logBytes).toBe(MiB + 4);
  });

  it('drops what exceeds 8 MiB for the viewers, says so once on resume, and keeps the log whole', async () => {
    const logPath = join(tmp.dir, 'skipped.log');
    const total = 12 * MiB;
    const handle = new LocalPtyExecutor().start({
      command: `head -c ${total} /dev/zero | tr '\\0' b; printf END`,
      cwd: tmp.dir,
      env: baseEnv(),
      secrets: [],
      graceMs: 500,
      logPath,
    });
    const live: Buffer[] = [];
    handle.onData((chunk) => live.push(Buffer.from(chunk)));
    handle.pause();
    const outcome = await handle.done;
    expect(live).toHaveLength(0);
    expect(outcome.logBytes).toBe(total + 3);
    expect(size(logPath)).toBe(total + 3);

    handle.resume();
    const text = Buffer.concat(live).toString('utf8'); // the note holds a UTF-8 ellipsis
    const note = /^\r\n\x1b\[2m\[… (\d+) bytes skipped in the live view; the stored log is complete\]\x1b\[0m\r\n/.exec(
      text,
    );
    expect(note).not.toBeNull();
    const skipped = Number(note![1]);
    const rest = text.slice(note![0].length);
    expect(skipped).toBeGreaterThan(8 * MiB);
    expect(skipped + rest.length).toBe(total + 3);
    expect(rest.endsWith('END')).toBe(true);
    expect(rest.length).toBeLessThanOrEqual(8 * MiB);
    expect(text.match(/skipped in the live view/g)).toHaveLength(1);
    // A second resume adds nothing.
    handle.resume();
    expect(Buffer.concat(live).length).toBe(Buffer.byteLength(text));
  });
});
