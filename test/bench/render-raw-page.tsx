/**
 * The render bench's baseline page: the same four soak charts as the Soak
 * page (error rate, latency, memory per service, vus), but every raw point
 * of 48 hours handed to recharts (1,728,000 points). Sets `window.__renderMs`
 * (data ready -> painted) when done.
 */
import { createRoot } from 'react-dom/client';
import { useEffect } from 'react';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import { SOAK_T0, soakValue } from './soak-values';

// This file runs in the browser; the project's type-check has Node's lib, so name what it uses.
declare const window: { __renderMs?: number; __seconds?: number };
declare const document: { getElementById(id: string): Element | null };
declare const requestAnimationFrame: (cb: () => void) => number;
type Element = Parameters<typeof createRoot>[0];

const seconds = window.__seconds ?? 48 * 3600;
const charts: { metric: string; lines: number[] }[] = [
  { metric: 'http_req_failed', lines: [0, 1, 2] },
  { metric: 'http_req_duration', lines: [0, 1, 2] },
  { metric: 'process_resident_memory_bytes', lines: [0, 1, 2] },
  { metric: 'vus', lines: [0] },
];
const data = charts.map((c) =>
  c.lines.map((i) => Array.from({ length: seconds }, (_, s) => ({ t: SOAK_T0 + s * 1000, v: soakValue(c.metric, i, s) }))),
);

function Raw({ started }: { started: number }) {
  useEffect(() => {
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__renderMs = performance.now() - started)));
  }, [started]);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 14 }}>
      {charts.map((c, ci) => (
        <LineChart key={c.metric} width={580} height={200}>
          <XAxis type="number" dataKey="t" domain={['dataMin', 'dataMax']} scale="time" />
          <YAxis />
          {data[ci].map((d, li) => (
            <Line key={li} data={d} dataKey="v" dot={false} isAnimationActive={false} stroke="#4ea1ff" />
          ))}
        </LineChart>
      ))}
    </div>
  );
}

const started = performance.now();
createRoot(document.getElementById('root')!).render(<Raw started={started} />);
