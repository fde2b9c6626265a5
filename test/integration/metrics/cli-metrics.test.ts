/**
 * Metrics through the real CLI (`node dist/cli.cjs`; build first): abortOnFail
 * stops a running gate with the reason recorded, and bad metric lines are
 * counted by line number while the run goes on and passes.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, workspace, type CliResult, type Workspace } from '../../helpers/cli';

type GateJson = {
  id: string;
  status: string;
  reason: string | null;
  attempts: { exitCode: number | null; durationMs: number | null }[];
  thresholds: { metric: string; expr: string; ok: boolean | null; value: number | null }[];
  metrics?: { points: number; badLines: number; badSamples: { lineNo: number; code: string; reason: string }[] };
};

const ABORT_PLAN = `version: 1
release: abort
candidate: rc
gates:
  - id: soak
    run: sh soak.sh
    timeout: 2m
    thresholds:
      http_req_duration: ["p(95) < 1000", { threshold: "p(99) < 400", abortOnFail: true }]
  - id: after
    needs: [soak]
    run: echo never
`;

// Slow answers from the first second on, then a long "soak" that must not run to its end.
const ABORT_SCRIPT = `i=0
while [ $i -lt 20 ]; do
  printf '{"metric":"http_req_duration","type":"trend","value":512.3,"tags":{"status":"200"}}\\n' >> "$COCKPIT_METRICS"
  i=$((i + 1))
done
echo "soak started"
sleep 60
echo "soak finished"
`;

function events(db: string, type: string): Record<string, unknown>[] {
  const conn = new BetterSqlite3(db, { readonly: true });
  try {
    return (conn.prepare('SELECT data FROM events WHERE type = ? ORDER BY id').pluck().all(type) as string[]).map((d) => JSON.parse(d));
  } finally {
    conn.close();
  }
}

describe('abortOnFail through the CLI', () => {
  let ws: Workspace;
  let run: CliResult;
  let tookMs: number;

  beforeAll(() => {
    ws = workspace('cockpit-abort-');
    ws.write('soak.sh', ABORT_SCRIPT);
    const plan = ws.write('plan.yaml', ABORT_PLAN);
    const started = Date.now();
    run = runCli(['run', plan, '--db', ws.db, '--json']);
    tookMs = Date.now() - started;
  });
  afterAll(() => ws.cleanup());

  it('stops the gate long before its script ends, and fails it with the reason', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(1);
    expect(tookMs).toBeLessThan(30_000);
    const out = JSON.parse(run.stdout) as { gates: GateJson[] };
    const soak = out.gates.find((g) => g.id === 'soak')!;
    expect(soak.status).toBe('failed');
    expect(soak.reason).toBe('threshold p(99) < 400 on http_req_duration breached (value 512.3): aborted');
    expect(soak.thresholds).toEqual([
      expect.objectContaining({ metric: 'http_req_duration', expr: 'p(95) < 1000', ok: true, value: 512.3 }),
      expect.objectContaining({ metric: 'http_req_duration', expr: 'p(99) < 400', ok: false, value: 512.3 }),
    ]);
    expect(out.gates.find((g) => g.id === 'after')!.status).toBe('blocked');
  });

  it('records the breach and the abort as run events', () => {
    const abort = events(ws.db, 'threshold.abort');
    expect(abort).toHaveLength(1);
    expect(abort[0]).toMatchObject({ metric: 'http_req_duration', expr: 'p(99) < 400', value: 512.3 });
    expect(events(ws.db, 'threshold.breach')).toEqual([expect.objectContaining({ expr: 'p(99) < 400', abort: true })]);
  });
});

const BAD_PLAN = `version: 1
release: bad
candidate: rc
gates:
  - id: noisy
    run: sh noisy.sh
    timeout: 1m
    thresholds:
      rss: ["max < 1000"]
`;

const BAD_SCRIPT = `M="$COCKPIT_METRICS"
now=$(($(date +%s) * 1000))
printf '{"metric":"rss","value":100,"time":%s}\\n' "$now" >> "$M"
printf '{not json\\n' >> "$M"
printf '{"metric":"rss","value":NaN}\\n' >> "$M"
printf '{"metric":"rss","value":1e999}\\n' >> "$M"
printf '{"metric":"rss","time":%s}\\n' "$now" >> "$M"
printf '{"type":"Histogram","metric":"rss","data":{}}\\n' >> "$M"
printf '{"metric":"rss","value":1,"pad":"' >> "$M"
head -c 10485760 /dev/zero | tr '\\0' x >> "$M"
printf '"}\\n' >> "$M"
printf '{"metric":"rss","value":7,"time":%s}\\n' "$((now - 60000))" >> "$M"
sleep 1
printf '{"metric":"rss","value":200,"time":%s}\\n' "$((now + 1000))" >> "$M"
echo "still running after bad lines"
`;

describe('bad metric lines through the CLI', () => {
  let ws: Workspace;
  let run: CliResult;

  beforeAll(() => {
    ws = workspace('cockpit-badlines-');
    ws.write('noisy.sh', BAD_SCRIPT);
    const plan = ws.write('plan.yaml', BAD_PLAN);
    run = runCli(['run', plan, '--db', ws.db, '--json']);
  });
  afterAll(() => ws.cleanup());

  it('counts each bad line by its line number, and the run goes on and passes', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    const noisy = (JSON.parse(run.stdout) as { gates: GateJson[] }).gates[0];
    expect(noisy.status).toBe('passed');
    expect(noisy.thresholds).toEqual([expect.objectContaining({ expr: 'max < 1000', ok: true, value: 200 })]);
    expect(noisy.metrics?.points).toBe(2);
    expect(noisy.metrics?.badLines).toBe(7);
    expect(noisy.metrics?.badSamples.map((s) => [s.lineNo, s.code])).toEqual([
      [2, 'invalid-json'],
      [3, 'invalid-json'],
      [4, 'bad-value'],
      [5, 'bad-value'],
      [6, 'unknown-type'],
      [7, 'oversized'],
      [8, 'out-of-order'],
    ]);
    expect(noisy.metrics?.badSamples[5].reason).toMatch(/line too long \(104857\d\d bytes\)/);
  });

  it('reports the bad lines as run events, and status shows them later', () => {
    const reported = events(ws.db, 'metrics.bad-lines').flatMap((e) => e.lines as { lineNo: number }[]);
    expect(reported.map((l) => l.lineNo)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const status = runCli(['status', `${ws.dir}/plan.yaml`, '--db', ws.db, '--json']);
    expect(status.code).toBe(0);
    const gate = (JSON.parse(status.stdout) as { gates: GateJson[] }).gates[0];
    expect(gate.metrics?.badLines).toBe(7);
  });
});
