/**
 * A 48-hour soak as k6 would write it (`--out json`): 10 series sampled at
 * 1 Hz (latency trend, failure rate and memory for three services, plus vus),
 * times in k6's RFC 3339 nanosecond form. One latency spike, for the charts.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export const SOAK_T0 = Date.UTC(2025, 2, 1);
export const SERVICES = ['api', 'worker', 'gateway'];
export const SERIES_PER_SECOND = 10;
/** Second at which api latency spikes to 2500 ms. */
export const SPIKE_SECOND = 31_337;

const declare = (metric: string, type: string, contains: string) =>
  JSON.stringify({ type: 'Metric', data: { type, contains, tainted: null, thresholds: [], submetrics: null }, metric });

export function k6Time(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.${String(ms % 1000).padStart(3, '0')}000000Z`;
}

/** Lines of second `s`, each ending in a newline. */
export function soakSecond(s: number): string {
  const time = k6Time(SOAK_T0 + s * 1000);
  const p = (metric: string, value: number, tags: string) =>
    `{"type":"Point","data":{"time":"${time}","value":${value},"tags":${tags}},"metric":"${metric}"}\n`;
  let out = '';
  SERVICES.forEach((svc, i) => {
    const tags = `{"service":"${svc}","scenario":"soak"}`;
    const latency = s === SPIKE_SECOND && i === 0 ? 2500 : 40 + i * 15 + ((s * 7919 + i * 131) % 37);
    out += p('http_req_duration', latency, tags);
    out += p('http_req_failed', (s + i) % 400 === 0 ? 1 : 0, tags);
    out += p('process_resident_memory_bytes', 200e6 + i * 50e6 + (s % 600) * 1000, `{"service":"${svc}"}`);
  });
  out += p('vus', 50, 'null');
  return out;
}

export function soakHeader(): string {
  return [
    declare('http_req_duration', 'trend', 'time'),
    declare('http_req_failed', 'rate', 'default'),
    declare('process_resident_memory_bytes', 'gauge', 'data'),
    declare('vus', 'gauge', 'default'),
  ].join('\n') + '\n';
}

/** Writes `seconds` of soak (default 48 h) to `file`; returns the number of points. */
export function writeK6Soak(file: string, seconds = 48 * 3600): number {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, soakHeader());
    let chunk = '';
    for (let s = 0; s < seconds; s++) {
      chunk += soakSecond(s);
      if (chunk.length > 4_000_000) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return seconds * SERIES_PER_SECOND;
}
