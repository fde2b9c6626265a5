/** The machine a figure was measured on, as the Markdown list BENCHMARKS.md and RELIABILITY.md start with. */
import { arch, cpus, platform, release, totalmem } from 'node:os';

export function machine(): string {
  const c = cpus();
  return [
    `- CPU: ${c[0]?.model ?? 'unknown'} × ${c.length}`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${platform()} ${release()} (${arch()})`,
    `- Node: ${process.version}`,
  ].join('\n');
}
