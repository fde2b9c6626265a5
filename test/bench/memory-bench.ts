/**
 * Memory: an accelerated 48-hour soak (1,728,000 points) through a live run:
 * the real PlanRunner starts a gate whose script appends k6 lines to
 * $COCKPIT_METRICS in 1 MiB pieces (cut anywhere, as a writer would), while
 * this process (the host) tails, parses (worker), evaluates and stores them.
 * Figure: host RSS growth after warm-up (the first 200,000 points), the max
 * over the run minus the RSS at the end of warm-up.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PlanRunner } from '../../electron/core/runs/plan-runner';
import { parsePlan } from '../../electron/core/plan/parse-plan';
import { FsEvidenceCollector } from '../../native/fs/evidence-collector';
import { SqliteMetricsWatcher } from '../../native/metrics/metrics-watcher';
import { HttpProbeRunner } from '../../native/net/http-probe';
import { LocalPtyExecutor } from '../../native/pty/local-executor';
import { writeK6Soak } from './k6-soak-file';
import { benchStore, benchWorker } from './metrics-bench-setup';
import type { BenchResult } from './types';

const WARM_UP_POINTS = 200_000;
/** About 100,000 points a second: 48 hours of 10 series in ~17 s. */
const FEEDER = `const fs=require('fs');const [src,dst]=process.argv.slice(2);const fd=fs.openSync(src,'r');const out=fs.openSync(dst,'a');
const buf=Buffer.alloc(1<<20);let pos=0;const step=()=>{const n=fs.readSync(fd,buf,0,buf.length,pos);if(n<=0){console.log('fed',pos);return;}
fs.writeSync(out,buf,0,n);pos+=n;setTimeout(step,70);};step();`;

const mb = (bytes: number) => bytes / 1024 / 1024;

export async function benchMemory(): Promise<BenchResult> {
  const b = benchStore('memory');
  try {
    const source = join(b.dir, 'soak-source.jsonl');
    const points = writeK6Soak(source);
    const feeder = join(b.dir, 'feeder.cjs');
    writeFileSync(feeder, FEEDER);
    const text = `version: 1\nrelease: bench\ncandidate: rc\ngates:\n  - id: soak\n    run: node feeder.cjs soak-source.jsonl "$COCKPIT_METRICS"\n    timeout: 10m\n    thresholds:\n      http_req_failed: ["rate < 0.005"]\n      http_req_duration: ["p(95) < 200", "p(99) < 400"]\n      process_resident_memory_bytes: ["slope < 5MB/h"]\n`;
    const parsed = parsePlan(text, join(b.dir, 'plan.yaml'));
    if (!parsed.ok) throw new Error('memory bench plan does not parse');
    const runner = new PlanRunner({
      store: b.store,
      executor: new LocalPtyExecutor(),
      evidence: new FsEvidenceCollector(join(b.dir, 'blobs')),
      probes: new HttpProbeRunner(),
      reader: { readText: (p) => readFile(p, 'utf8') },
      now: () => Date.now(),
      ownerPid: process.pid,
      processEnv: process.env,
      joinPath: join,
      metrics: new SqliteMetricsWatcher(b.metrics, { worker: benchWorker() }),
    });
    (globalThis as { gc?: () => void }).gc?.();
    let baseline: number | null = null;
    let peak = 0;
    let seen = 0;
    const sampler = setInterval(() => {
      const rss = process.memoryUsage.rss();
      if (baseline === null && seen >= WARM_UP_POINTS) baseline = rss;
      if (baseline !== null) peak = Math.max(peak, rss);
    }, 100);
    const sub = runner.on((e) => {
      if (e.type === 'metrics') seen = e.stats.points;
    });
    const started = performance.now();
    const [run] = await runner.runPlan(parsed.plan);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    sub.dispose();
    const stored = b.metrics.stats(run.id)?.points ?? 0;
    if (stored !== points) throw new Error(`run stored ${stored} of ${points} points (${run.status}: ${run.reason})`);
    const growth = baseline === null ? NaN : mb(peak - baseline);
    return {
      name: 'memory',
      figures: [
        { label: 'host RSS growth after warm-up', value: growth, unit: 'MB', target: '≤ 64', ok: growth <= 64 },
        { label: 'host RSS at the end of warm-up', value: baseline === null ? NaN : mb(baseline), unit: 'MB' },
        { label: 'points through the live run', value: stored, unit: 'points' },
        { label: 'run wall time', value: seconds, unit: 's' },
      ],
      notes: [
        'RSS sampled every 100 ms in the host process (tailer, parse worker, evaluator with every p(95)/p(99) sample kept, SQLite writer).',
        `Warm-up: the first ${WARM_UP_POINTS.toLocaleString('en')} points. The writer appends 1 MiB every 70 ms (about 100,000 points/s).`,
      ],
    };
  } finally {
    b.dispose();
  }
}
