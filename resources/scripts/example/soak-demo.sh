#!/bin/sh
# The soak demo gate: two small services on 127.0.0.1 under a steady load for
# SOAK_SECONDS (default 60; 172800 is 48 h), writing k6-shaped metric lines to
# $COCKPIT_METRICS. See soak-demo.mjs for the knobs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
node "$here/soak-demo.mjs"
