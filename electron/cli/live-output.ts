/** Shows a run as it happens: a header per attempt, the pty output, a verdict line per gate. */
import { attemptFailure, formatDuration } from '../core/runs/describe-outcome';
import type { RunnerEvent } from '../core/runs/runner-deps';
import { describeVerdict } from '../core/runs/run-metrics';
import { paint, type CliIO } from './output';

export function liveReporter(io: CliIO, repeatOf: (gateId: string) => number) {
  let lastByte = 0x0a;
  const newline = () => {
    if (lastByte !== 0x0a) io.err('\n');
    lastByte = 0x0a;
  };
  return (e: RunnerEvent): void => {
    if (e.type === 'output') {
      io.raw(e.chunk);
      if (e.chunk.length > 0) lastByte = e.chunk[e.chunk.length - 1];
      return;
    }
    if (e.type === 'attempt') {
      const a = e.attempt;
      const of = repeatOf(e.gateId);
      if (a.status === 'running') {
        newline();
        const which = of > 1 ? ` attempt ${a.n}/${of}` : '';
        io.err(paint(io, 'bold', `▶ ${e.gateId}${which}`) + '\n');
      } else {
        newline();
        const why = attemptFailure(
          { exitCode: a.exitCode, signal: a.signal, timedOut: a.timedOut, cancelled: a.status === 'cancelled',
            logBytes: a.logBytes, durationMs: a.durationMs ?? 0, startedAt: a.startedAt, endedAt: a.endedAt ?? 0 },
          a.n, of,
        );
        const took = formatDuration(a.durationMs ?? 0);
        io.err(why ? paint(io, 'red', `✗ ${e.gateId}: ${why} (${took})`) + '\n'
                   : paint(io, 'green', `✓ ${e.gateId}${of > 1 ? ` attempt ${a.n}/${of}` : ''} (${took})`) + '\n');
      }
      return;
    }
    if (e.type === 'threshold') {
      newline();
      const what = `threshold ${describeVerdict(e.verdict)} breached${e.abort ? ': aborting' : ''}`;
      io.err(paint(io, 'red', `⚠ ${e.gateId}: ${what}`) + '\n');
      return;
    }
    if (e.type === 'metrics') return;
    if (e.type === 'connection') {
      newline();
      io.err(paint(io, e.state === 'reconnecting' ? 'yellow' : 'green', `↻ ${e.gateId}: ${e.message}`) + '\n');
      return;
    }
    const run = e.run;
    if (run.status === 'blocked') io.err(paint(io, 'yellow', `⏸ ${run.gateId}: blocked, ${run.reason}`) + '\n');
    else if (run.status === 'failed' && run.reason && !/exited|timed out|killed/.test(run.reason)) {
      io.err(paint(io, 'red', `✗ ${run.gateId}: ${run.reason}`) + '\n');
    }
  };
}
