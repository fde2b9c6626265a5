/**
 * A 48-hour soak as k6 would write it (`--out json`): 10 series sampled at
 * 1 Hz (latency trend, failure rate and memory for three services, plus vus),
 * times in k6's RFC 3339 nanosecond form. One latency spike, for the charts.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { SERVICES, SOAK_T0, soakValue } from './soak-values';

export { SERVICES, SOAK_T0, SPIKE_SECOND, soakValue } from './soak-values';
export const SERIES_PER_SECOND = 10;

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
    out += p('http_req_duration', soakValue('http_req_duration', i, s), tags);
    out += p('http_req_failed', soakValue('http_req_failed', i, s), tags);
    out += p('process_resident_memory_bytes', soakValue('process_resident_memory_bytes', i, s), `{"service":"${svc}"}`);
  });
  out += p('vus', soakValue('vus', 0, s), 'null');
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
