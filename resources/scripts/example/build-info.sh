#!/bin/sh
# Records what is being released: a small JSON summary that becomes gate evidence.
set -eu
mkdir -p out
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
node_version=$(node --version 2>/dev/null || echo unknown)
printf 'Collecting build information...\n'
cat > out/build-info.json <<JSON
{
  "release": "cockpit-demo",
  "candidate": "release-candidate-1",
  "builtAt": "$now",
  "host": "$(uname -sm)",
  "node": "$node_version"
}
JSON
printf 'wrote out/build-info.json (%s bytes)\n' "$(wc -c < out/build-info.json | tr -d ' ')"
printf '\033[32mbuild info recorded\033[0m\n'
