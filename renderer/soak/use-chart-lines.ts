/**
 * A chart's lines for a time window at its pixel width: lines of single
 * series go in one `metrics.query`, merged lines one query each. A request
 * in flight is never doubled: a newer window waits for it and then runs once.
 * Data arrays change only when new data arrives (recharts redraws on identity).
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { ChartGroup } from './groups';
import type { TimeWindow, XY } from './types';

export interface LineData {
  id: string;
  label: string;
  data: XY[];
  resolution: string;
}

function toXY(t: number[], v: number[]): XY[] {
  const out = new Array<XY>(t.length);
  for (let i = 0; i < t.length; i++) out[i] = { t: t[i], v: v[i] };
  return out;
}

async function fetchLines(runId: number, group: ChartGroup, w: TimeWindow, width: number): Promise<LineData[]> {
  const single = group.lines.filter((l) => !l.merge);
  const merged = group.lines.filter((l) => l.merge);
  const out = new Map<string, LineData>();
  const jobs: Promise<void>[] = [];
  if (single.length > 0) {
    jobs.push(
      api()
        .request('metrics.query', { runId, series: single.map((l) => l.series[0]), from: w.from, to: w.to, width, mode: group.mode })
        .then((r) => {
          for (const l of single) {
            const s = r.series.find((x) => x.id === l.series[0]);
            out.set(l.id, { id: l.id, label: l.label, data: s ? toXY(s.t, s.v) : [], resolution: s?.resolution ?? 'raw' });
          }
        }),
    );
  }
  for (const l of merged) {
    jobs.push(
      api()
        .request('metrics.query', { runId, series: l.series, from: w.from, to: w.to, width, mode: group.mode, merge: true })
        .then((r) => {
          const s = r.series[0];
          out.set(l.id, { id: l.id, label: l.label, data: s ? toXY(s.t, s.v) : [], resolution: s?.resolution ?? 'raw' });
        }),
    );
  }
  await Promise.all(jobs);
  return group.lines.map((l) => out.get(l.id)!).filter(Boolean);
}

export function useChartLines(runId: number | null, group: ChartGroup, w: TimeWindow | null, width: number, tick: number) {
  const [lines, setLines] = useState<LineData[]>([]);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const next = useRef<(() => void) | null>(null);
  const signature = group.lines.map((l) => `${l.id}:${l.series.join(',')}`).join('|');

  useEffect(() => {
    if (runId == null || !w || width < 10) return;
    let alive = true;
    const run = () => {
      busy.current = true;
      fetchLines(runId, group, w, Math.round(width))
        .then((l) => alive && (setLines(l), setError(null)))
        .catch((err) => alive && setError(err instanceof Error ? err.message : String(err)))
        .finally(() => {
          busy.current = false;
          const queued = next.current;
          next.current = null;
          queued?.();
        });
    };
    if (busy.current) next.current = run;
    else run();
    return () => {
      alive = false;
    };
    // group is described by its signature; a new object with the same lines must not refetch.
  }, [runId, signature, group.mode, w?.from, w?.to, Math.round(width), tick]); // eslint-disable-line react-hooks/exhaustive-deps

  return { lines, error };
}
