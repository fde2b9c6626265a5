/**
 * All values of a trend, for exact percentiles. Values live in a growable
 * Float64Array (8 bytes each: 2M values = 16 MB). Sample order does not
 * matter, so selection reorders the array in place; results are cached
 * until the next value arrives.
 */
import { select } from './quickselect';

export class SampleStore {
  private buf: Float64Array;
  private n = 0;
  private readonly cache = new Map<number, number>();

  constructor(initialCapacity = 256) {
    this.buf = new Float64Array(initialCapacity);
  }

  get length(): number {
    return this.n;
  }

  add(v: number): void {
    if (this.n === this.buf.length) {
      const bigger = new Float64Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = v;
    if (this.cache.size > 0) this.cache.clear();
  }

  /**
   * Quantile `q` in [0, 1] the way k6 computes trend percentiles: linear
   * interpolation between the closest ranks, at position q * (n - 1).
   * Null when empty.
   */
  quantile(q: number): number | null {
    const n = this.n;
    if (n === 0) return null;
    const cached = this.cache.get(q);
    if (cached !== undefined) return cached;
    const a = this.buf;
    const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
    const lo = Math.floor(pos);
    select(a, lo, 0, n - 1);
    let result = a[lo];
    if (pos > lo) {
      // After selection everything right of lo is >= a[lo]; the next rank is their minimum.
      let next = Infinity;
      for (let i = lo + 1; i < n; i++) if (a[i] < next) next = a[i];
      result += (next - result) * (pos - lo);
    }
    this.cache.set(q, result);
    return result;
  }
}
