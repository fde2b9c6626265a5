/** Test helpers: a tiny threshold builder (the real parser lives in core/plan) and a seeded PRNG. */
import type { Aggregation, CompareOp, Threshold } from '../../../electron/core/plan/types';

const EXPR =
  /^(count|rate|value|avg|min|max|med|slope|p\(([\d.]+)\))\s*(<=|>=|===|==|!=|<|>)\s*([\d.]+)(MB\/h)?(?:\s+over\s+(\d+)(s|m))?$/;

/** `th('http_req_duration{status:200}', 'p(95) < 300 over 5m', { consecutive: 2 })` */
export function th(
  key: string,
  source: string,
  opts: Partial<Pick<Threshold, 'abortOnFail' | 'delayAbortEvalMs' | 'consecutive'>> = {},
): Threshold {
  const k = /^([^{]+)(?:\{(.*)\})?$/.exec(key);
  const e = EXPR.exec(source);
  if (!k || !e) throw new Error(`test helper cannot parse ${key} / ${source}`);
  const tags: Record<string, string> = {};
  if (k[2]) {
    for (const pair of k[2].split(',')) {
      const [tk, tv] = pair.split(':');
      tags[tk] = tv;
    }
  }
  const agg: Aggregation = e[2] ? { kind: 'p', p: Number(e[2]) } : ({ kind: e[1] } as Aggregation);
  let value = Number(e[4]);
  if (e[5]) value *= 1_000_000;
  const windowMs = e[6] ? Number(e[6]) * (e[7] === 'm' ? 60_000 : 1000) : undefined;
  return {
    metric: k[1],
    tags,
    key,
    expr: { source, agg, op: e[3] as CompareOp, value, ...(windowMs ? { windowMs } : {}) },
    abortOnFail: opts.abortOnFail ?? false,
    delayAbortEvalMs: opts.delayAbortEvalMs ?? 0,
    consecutive: opts.consecutive ?? 1,
    pos: { line: 1, col: 1 },
  };
}

/** mulberry32: small, seeded, good enough for test noise. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Smallest wall time of `runs` calls of fn, in ms (the machine is shared: take the best). */
export function bestTimeMs(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
