/**
 * Built-in HTTP evidence probes: single requests with an expected status, and
 * bounded bursts that must show some statuses (e.g. 429) and none of others
 * (e.g. 5xx). Every request and verdict goes to the gate's log.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE } from '../fs/private-files';
import type { Probe, ProbeRequest, StatusMatcher } from '../../electron/core/plan/types';
import type { ProbeRunner } from '../../electron/core/runs/ports';

const REQUEST_TIMEOUT_MS = 10_000;

export function matches(m: StatusMatcher, status: number): boolean {
  return 'code' in m ? m.code === status : Math.floor(status / 100) === m.class;
}

export function describeMatcher(m: StatusMatcher): string {
  return 'code' in m ? String(m.code) : `${m.class}xx`;
}

/** Returns the status, or 0 with the error when no response came back. */
async function send(req: ProbeRequest, signal: AbortSignal): Promise<{ status: number; error?: string }> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.contentType) headers['content-type'] = req.contentType;
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : (req.body ?? ''),
      signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      redirect: 'manual',
    });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { status: 0, error: cause ?? (err as Error).message };
  }
}

async function burst(req: ProbeRequest, count: number, concurrency: number, signal: AbortSignal) {
  const counts = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < count && !signal.aborted) {
      next++;
      const { status } = await send(req, signal);
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return counts;
}

export class HttpProbeRunner implements ProbeRunner {
  async run(probes: Probe[], logPath: string, onLine: (line: string) => void, signal: AbortSignal) {
    mkdirSync(dirname(logPath), { recursive: true, mode: PRIVATE_DIR });
    let logBytes = 0;
    const failures: string[] = [];
    const say = (line: string) => {
      const text = `${line}\r\n`;
      appendFileSync(logPath, text, { mode: PRIVATE_FILE });
      logBytes += Buffer.byteLength(text);
      onLine(text);
    };
    for (const probe of probes) {
      if (signal.aborted) break;
      const { method, url } = probe.request;
      if (probe.kind === 'single') {
        const { status, error } = await send(probe.request, signal);
        const ok = matches(probe.expect, status);
        const got = status === 0 ? `no response (${error})` : String(status);
        say(`${ok ? 'PASS' : 'FAIL'} ${method} ${url} -> ${got}, expected ${describeMatcher(probe.expect)}`);
        if (!ok) failures.push(`${method} ${url} returned ${got}, expected ${describeMatcher(probe.expect)}`);
        continue;
      }
      const counts = await burst(probe.request, probe.count, probe.concurrency, signal);
      const seen = [...counts.entries()].sort((a, b) => a[0] - b[0]);
      say(`     ${method} ${url} x${probe.count}: ${seen.map(([s, n]) => `${s || 'no response'}=${n}`).join(' ')}`);
      for (const m of probe.expect.some) {
        const ok = seen.some(([s]) => matches(m, s));
        say(`${ok ? 'PASS' : 'FAIL'}   some ${describeMatcher(m)}`);
        if (!ok) failures.push(`burst ${method} ${url}: no ${describeMatcher(m)} in ${probe.count} requests`);
      }
      for (const m of probe.expect.none) {
        const bad = seen.filter(([s]) => matches(m, s)).reduce((sum, [, n]) => sum + n, 0);
        say(`${bad === 0 ? 'PASS' : 'FAIL'}   none ${describeMatcher(m)}${bad ? ` (got ${bad})` : ''}`);
        if (bad) failures.push(`burst ${method} ${url}: ${bad} responses were ${describeMatcher(m)}`);
      }
    }
    return { ok: failures.length === 0 && !signal.aborted, failures, logBytes };
  }
}
