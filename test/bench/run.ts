/**
 * `npm run bench`: runs every benchmark in one process, prints the figures and
 * rewrites BENCHMARKS.md with them and the machine they ran on. Figures in the
 * README or notes must come from here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './types';
import { machine } from './machine';

type Bench = { name: string; load: () => Promise<() => Promise<BenchResult>> };

const benches: Bench[] = [
  { name: 'capture', load: async () => (await import('./capture-bench')).benchCapture },
  { name: 'ingest', load: async () => (await import('./ingest-bench')).benchIngest },
  { name: 'query', load: async () => (await import('./query-bench')).benchQuery },
  { name: 'memory', load: async () => (await import('./memory-bench')).benchMemory },
  { name: 'render', load: async () => (await import('./render-bench')).benchRender },
  { name: 'burst-click', load: async () => (await import('./burst-click-bench')).benchBurstClick },
];

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

async function main() {
  const only = process.argv.slice(2);
  const results: BenchResult[] = [];
  for (const b of benches) {
    if (only.length && !only.includes(b.name)) continue;
    process.stdout.write(`\n== ${b.name} ==\n`);
    const started = Date.now();
    const result = await (await b.load())();
    results.push(result);
    for (const f of result.figures) {
      const verdict = f.ok === undefined ? '' : f.ok ? '  ok' : '  MISSED';
      process.stdout.write(`  ${f.label}: ${fmt(f.value)} ${f.unit}${f.target ? `  (target ${f.target})` : ''}${verdict}\n`);
    }
    process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  const sections = results.map((r) => {
    const rows = r.figures.map(
      (f) => `| ${f.label} | ${fmt(f.value)} ${f.unit} | ${f.target ?? ''} | ${f.ok === undefined ? '' : f.ok ? 'met' : '**missed**'} |`,
    );
    const notes = (r.notes ?? []).map((n) => `- ${n}`).join('\n');
    return `## ${r.name}\n\n| figure | value | target | verdict |\n|---|---|---|---|\n${rows.join('\n')}\n${notes ? `\n${notes}\n` : ''}`;
  });
  const doc = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (test/bench/run.ts); do not edit by hand.',
    '',
    `Run on ${new Date().toISOString()}:`,
    '',
    machine(),
    '',
    ...sections,
  ].join('\n');
  if (only.length === 0) writeFileSync(join(process.cwd(), 'BENCHMARKS.md'), doc);
  else process.stdout.write('\n(partial run: BENCHMARKS.md left as it was)\n');
  const missed = results.flatMap((r) => r.figures.filter((f) => f.ok === false).map((f) => `${r.name}: ${f.label}`));
  if (missed.length) process.stdout.write(`\nmissed targets: ${missed.join(', ')}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`);
  process.exit(1);
});
