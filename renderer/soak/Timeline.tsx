/**
 * The whole run in one strip, with a Brush: drag its ends to zoom, drag the
 * selection to pan. Every chart shows the selected window. When the
 * selection touches the latest point, the window follows new data.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { Brush, Line, LineChart } from 'recharts';
import type { ChartGroup } from './groups';
import type { ChartColors } from './theme-colors';
import type { TimeWindow, XY } from './types';
import { formatTick } from './units';
import { useChartLines } from './use-chart-lines';
import { useWidth } from './use-width';

interface Props {
  runId: number;
  group: ChartGroup;
  span: TimeWindow;
  window: TimeWindow;
  tick: number;
  colors: ChartColors;
  onWindow(w: TimeWindow, follow: boolean): void;
}

/** First index with t >= x (data sorted by t). */
function lowerBound(data: XY[], x: number): number {
  let lo = 0;
  let hi = data.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (data[mid].t < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const Timeline = memo(function Timeline({ runId, group, span, window: w, tick, colors, onWindow }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const first = useMemo(() => ({ ...group, lines: group.lines.slice(0, 1) }), [group]);
  // While a person drags the brush, the strip holds still (no refetch, no remount).
  const [dragging, setDragging] = useState(false);
  const frozen = useRef({ span, tick });
  if (!dragging) frozen.current = { span, tick };
  // An overview strip: a quarter of its plot width in points is plenty.
  const { lines } = useChartLines(runId, first, frozen.current.span, (width - 90) / 4, frozen.current.tick);
  const data = lines[0]?.data ?? [];
  const last = Math.max(0, data.length - 1);
  const start = Math.min(lowerBound(data, w.from), last);
  const end = Math.max(start, Math.min(lowerBound(data, w.to + 1) - 1, last));
  const spanMs = span.to - span.from;

  return (
    <div className="soak-timeline" ref={box} data-testid="soak-timeline"
      onPointerDown={() => setDragging(true)} onPointerUp={() => setDragging(false)} onPointerLeave={() => setDragging(false)}>
      {width > 0 && data.length > 1 && (
        // Keyed by the data's length: recharts' Brush keeps indexes from the previous data for a render,
        // which are out of range when the new (downsampled) data is shorter.
        <LineChart key={data.length} width={width} height={64} data={data} margin={{ top: 0, right: 16, bottom: 0, left: 74 }}>
          <Brush
            dataKey="t"
            height={56}
            y={4}
            startIndex={start}
            endIndex={end}
            stroke={colors.muted}
            fill={colors.surface}
            travellerWidth={10}
            tickFormatter={(t: number) => formatTick(t, spanMs)}
            onChange={(r) => {
              if (r.startIndex == null || r.endIndex == null || !data[r.startIndex] || !data[r.endIndex]) return;
              onWindow({ from: data[r.startIndex].t, to: data[r.endIndex].t }, r.endIndex >= last);
            }}
          >
            <LineChart data={data}>
              <Line dataKey="v" stroke={colors.lines[0]} dot={false} isAnimationActive={false} strokeWidth={1} />
            </LineChart>
          </Brush>
        </LineChart>
      )}
    </div>
  );
});
