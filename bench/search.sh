#!/usr/bin/env bash
# Lookup latency of the single view through Trino (issue 8): on the demo's world, an officer of the
# English force looks registrations (whole, then with two characters unseen), names, then
# addresses up as `./bluelamp search` does, 200 searches by one client one after another, then by
# 16 clients at once. Results: bench/README.md.
#   bash bench/search.sh                       # SEARCHES=200 CLIENTS=16 by default
#   DEMO_ARGS="--scale 1" bash bench/search.sh # a force-year's daily volume (a fresh BLUELAMP_HOME)
set -euo pipefail
cd "$(dirname "$0")/.."
# The world, every pipeline and Trino, with progress (a rerun reads nothing twice).
# shellcheck disable=SC2086 # DEMO_ARGS is a list of options
./bluelamp demo ${DEMO_ARGS:-}
./bluelamp user add bench-officer --role officer --force england >/dev/null
for kind in vrm partial name address; do
  ./bluelamp bench-search --user bench-officer --kind "$kind" \
    --searches "${SEARCHES:-200}" --clients "${CLIENTS:-16}"
done
