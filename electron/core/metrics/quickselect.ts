/**
 * In-place selection: after `select(a, k, 0, n - 1)`, `a[k]` holds the value
 * that would be at index k if `a[0..n-1]` were sorted, everything left of k is
 * <= it and everything right of it is >= it. Expected O(n).
 *
 * Floyd & Rivest, "Algorithm 489: SELECT" (CACM 1975): for large ranges it
 * first selects inside a small sample around the expected position, so the
 * pivot is almost always close to the k-th value and few passes are needed.
 */
export function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(a, k, newLeft, newRight);
    }
    const pivot = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > pivot) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
    }
    if (a[left] === pivot) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
