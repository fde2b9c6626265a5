#!/bin/sh
# A short stand-in for a soak test: it runs for SOAK_SECONDS (default 60),
# prints progress every second and appends metric points to $COCKPIT_METRICS.
set -eu
seconds=${SOAK_SECONDS:-60}
metrics=${COCKPIT_METRICS:-/dev/null}
i=0
echo "soak: running for ${seconds}s"
while [ "$i" -lt "$seconds" ]; do
  i=$((i + 1))
  now=$(($(date +%s) * 1000))
  rss=$((50000000 + i * 1000 + (i % 7) * 20000))
  p95=$((80 + (i % 11) * 3))
  printf '{"metric":"process_resident_memory_bytes","value":%s,"time":%s,"tags":{"service":"demo"}}\n' "$rss" "$now" >> "$metrics"
  printf '{"metric":"http_req_duration","value":%s,"time":%s,"tags":{"service":"demo"}}\n' "$p95" "$now" >> "$metrics"
  printf 'soak: %3ds/%ss  p95=%sms  rss=%sMB\n' "$i" "$seconds" "$p95" "$((rss / 1000000))"
  sleep 1
done
echo "soak: done"
