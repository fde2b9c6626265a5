/**
 * Series identity: the metric name plus its tags sorted by key, written like
 * Prometheus (`http_req_duration{method="GET",status="200"}`) so it reads well
 * in the UI and works as a storage key. Names that could be confused with the
 * syntax are JSON-quoted, which keeps the mapping one-to-one.
 */

const PLAIN_NAME = /^[^{}"\\\s,=]+$/;
const PLAIN_LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Tag entries sorted by key (code-unit order, not locale order: keys must be stable everywhere). */
export function sortedTagEntries(tags: Record<string, string>): [string, string][] {
  return Object.entries(tags).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function seriesKey(metric: string, tags: Record<string, string>): string {
  const name = PLAIN_NAME.test(metric) ? metric : JSON.stringify(metric);
  const entries = sortedTagEntries(tags);
  if (entries.length === 0) return name;
  const parts = entries.map(
    ([k, v]) => `${PLAIN_LABEL.test(k) ? k : JSON.stringify(k)}=${JSON.stringify(v)}`,
  );
  return `${name}{${parts.join(',')}}`;
}

/** True when every `key:value` of the filter is among the tags (k6 submetric semantics). */
export function tagsMatch(filter: Record<string, string>, tags: Record<string, string>): boolean {
  for (const k in filter) {
    if (tags[k] !== filter[k]) return false;
  }
  return true;
}
