#!/bin/sh
# One start/stop cycle of the demo service: start, wait for /health, stop with
# TERM, and fail if the process is still there afterwards (a zombie or a hang).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node "$here/demo-service.mjs" "$work/port" &
pid=$!
i=0
while [ ! -s "$work/port" ]; do
  i=$((i + 1)); [ $i -gt 100 ] && { echo "service did not start within 10s"; exit 1; }
  sleep 0.1
done
port=$(cat "$work/port")
node -e "fetch('http://127.0.0.1:$port/health').then(r=>{console.log('health',r.status);process.exit(r.status===200?0:1)},e=>{console.log(e.message);process.exit(1)})"
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
if kill -0 "$pid" 2>/dev/null; then echo "service pid $pid survived TERM"; exit 1; fi
echo "cycle ${COCKPIT_ATTEMPT:-?}/${COCKPIT_ATTEMPTS:-?}: started, healthy, stopped cleanly"
