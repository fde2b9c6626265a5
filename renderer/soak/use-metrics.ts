/**
 * The selected run's metrics as the Soak page needs them: its series, the
 * threshold verdicts and ingest counters, kept live from `metrics.update`
 * (sent at most once a second by the host). `tick` changes at most once a
 * second: charts in follow mode refetch on it, so live redraws stay ≤ 1/s.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { MetricsStats, SeriesInfo, StoredVerdict } from './types';

export interface LiveMetrics {
  series: SeriesInfo[];
  verdicts: StoredVerdict[];
  stats: MetricsStats | null;
  tick: number;
  error: string | null;
}

const EMPTY: LiveMetrics = { series: [], verdicts: [], stats: null, tick: 0, error: null };
const MIN_INTERVAL_MS = 1000;

export function useLiveMetrics(runId: number | null, runStatus: string | undefined): LiveMetrics {
  // Reload when a running run ends (its final verdicts), not when its status first becomes known.
  const phase = runStatus === 'running' ? 'running' : 'done';
  const [state, setState] = useState<LiveMetrics>(EMPTY);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    setState(EMPTY);
    if (runId == null) return;
    let alive = true;
    const load = async () => {
      try {
        const [series, v] = await Promise.all([
          api().request('metrics.series', { runId }),
          api().request('metrics.verdicts', { runId }),
        ]);
        if (!alive) return;
        last.current = Date.now();
        setState((s) => ({ series, verdicts: v.verdicts, stats: v.stats, tick: s.tick + 1, error: null }));
      } catch (err) {
        if (alive) setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err) }));
      }
    };
    // Live updates: verdicts at once, the series list and charts at most once a second.
    const off = api().on('metrics.update', (u) => {
      if (u.runId !== runId) return;
      setState((s) => ({ ...s, verdicts: u.verdicts, stats: u.stats }));
      if (timer.current) return;
      const wait = Math.max(0, last.current + MIN_INTERVAL_MS - Date.now());
      timer.current = setTimeout(() => {
        timer.current = null;
        void load();
      }, wait);
    });
    void load();
    return () => {
      alive = false;
      off();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
    // The phase is a dependency so the final verdicts are read when the run ends.
  }, [runId, phase]);

  return state;
}

/** The time span the series cover (first to last point), or null before the first point. */
export function dataSpan(series: SeriesInfo[]): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const s of series) {
    if (s.firstTs != null && s.firstTs < from) from = s.firstTs;
    if (s.lastTs != null && s.lastTs > to) to = s.lastTs;
  }
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  // A time axis needs a non-empty domain: a single instant becomes one second.
  return { from, to: Math.max(to, from + 1000) };
}
