/**
 * One soak chart: a metric group's lines over the shared time window, each
 * threshold in the metric's units as a dashed line, and each breach marked
 * where it happened (a vertical line, a dot at the breaching value, the
 * breaching window shaded). Data comes from `metrics.query` at the chart's
 * pixel width; nothing animates and data arrays are memoized.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { Icon } from '../components/common/Icon';
import { downloadCsv, downloadPng } from './export';
import type { ChartGroup } from './groups';
import type { ChartColors } from './theme-colors';
import type { StoredVerdict, TimeWindow } from './types';
import { formatTick, formatValue, thresholdLevel, timeTicks } from './units';
import { useChartLines } from './use-chart-lines';
import { useWidth } from './use-width';

interface Props {
  runId: number;
  group: ChartGroup;
  window: TimeWindow | null;
  tick: number;
  verdicts: StoredVerdict[];
  colors: ChartColors;
}

const HEIGHT = 200;
/** Y axis and margins: the plot is this much narrower than the chart, and data is asked for at the plot's width. */
const PLOT_INSET = 90;

export const MetricChart = memo(function MetricChart({ runId, group, window: w, tick, verdicts, colors }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  // min/max pairs per two pixels (at most one point per pixel): spikes survive, recharts stays fast.
  const { lines, error } = useChartLines(runId, group, w, (width - PLOT_INSET) / 2, tick);
  const [exportError, setExportError] = useState<string | null>(null);
  const mine = useMemo(() => verdicts.filter((v) => v.metric === group.metric), [verdicts, group.metric]);
  const levels = useMemo(
    () => mine.map((v) => ({ v, level: thresholdLevel(v.expr, group.kind) })).filter((x) => x.level !== null),
    [mine, group.kind],
  );
  const breaches = mine.filter((v) => !v.ok && v.breachedAt != null);
  const span = w ? w.to - w.from : 0;
  // Explicit ticks: left to itself, recharts measures the text of every candidate tick (slow with time labels).
  const ticks = useMemo(() => (w ? timeTicks(w, Math.max(2, Math.floor(width / 160))) : []), [w, width]);
  const points = lines.reduce((n, l) => n + l.data.length, 0);
  const name = `${group.metric}-run-${runId}`;

  const png = () => {
    const svg = box.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return;
    downloadPng(name, svg, colors.surface).then(() => setExportError(null), (e: Error) => setExportError(e.message));
  };

  return (
    <section className="soak-chart card" data-metric={group.metric} data-points={points} aria-label={group.title}>
      <header className="soak-chart-head">
        <h3>{group.title}</h3>
        {group.title !== group.metric && <span className="mono muted small">{group.metric}</span>}
        <span className="muted small soak-chart-res">{lines[0] ? `${lines[0].resolution === 'raw' ? 'raw points' : `${lines[0].resolution} rollups`} · ${points} drawn` : ''}</span>
        <div className="soak-chart-tools">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => downloadCsv(name, lines)} disabled={points === 0}>
            <Icon name="download" size={13} /> CSV
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={png} disabled={points === 0}>
            <Icon name="download" size={13} /> PNG
          </button>
        </div>
      </header>
      <div className="soak-chart-body" ref={box}>
        {error && <p className="soak-error">{error}</p>}
        {exportError && <p className="soak-error">{exportError}</p>}
        {w && width > 0 && (
          <LineChart width={width} height={HEIGHT} margin={{ top: 12, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid stroke={colors.grid} vertical={false} />
            <XAxis type="number" dataKey="t" domain={[w.from, w.to]} allowDataOverflow scale="time" stroke={colors.muted}
              tick={{ fill: colors.muted, fontSize: 11 }} tickFormatter={(t: number) => formatTick(t, span)} ticks={ticks} interval={0} />
            <YAxis stroke={colors.muted} tick={{ fill: colors.muted, fontSize: 11 }} width={70}
              tickFormatter={(v: number) => formatValue(v, group.unit)} domain={['auto', 'auto']} />
            <Tooltip isAnimationActive={false} labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
              formatter={(v) => formatValue(Number(v), group.unit)}
              contentStyle={{ background: colors.surface, border: `1px solid ${colors.grid}`, fontSize: 12 }} />
            {lines.map((l, i) => (
              <Line key={l.id} data={l.data} dataKey="v" name={l.label} type="linear" stroke={colors.lines[i % colors.lines.length]}
                strokeWidth={1.5} dot={false} activeDot={false} isAnimationActive={false} />
            ))}
            {levels.map(({ v, level }) => (
              <ReferenceLine key={`th-${v.expr}`} y={level!} ifOverflow="extendDomain" stroke={v.ok ? colors.warn : colors.bad}
                strokeDasharray="5 4" label={{ value: `${v.expr}`, position: 'insideTopRight', fill: v.ok ? colors.warn : colors.bad, fontSize: 11 }} />
            ))}
            {breaches.map((v) =>
              v.windowStart != null ? (
                <ReferenceArea key={`area-${v.expr}`} x1={v.windowStart} x2={v.breachedAt!} fill={colors.badSoft} ifOverflow="hidden" />
              ) : null,
            )}
            {breaches.map((v) => (
              <ReferenceLine key={`br-${v.expr}`} x={v.breachedAt!} stroke={colors.bad} ifOverflow="hidden" className="soak-breach"
                label={{ value: `breach: ${v.expr}`, position: 'insideTopLeft', fill: colors.bad, fontSize: 11 }} />
            ))}
            {levels.filter(({ v }) => !v.ok && v.breachedAt != null && v.value != null).map(({ v }) => (
              <ReferenceDot key={`dot-${v.expr}`} x={v.breachedAt!} y={v.value!} r={5} fill={colors.bad} stroke={colors.surface} ifOverflow="extendDomain" />
            ))}
            {lines.length > 1 && <Legend wrapperStyle={{ fontSize: 12, color: colors.text }} />}
          </LineChart>
        )}
        {w === null && <p className="muted soak-empty">No points yet.</p>}
      </div>
    </section>
  );
});
