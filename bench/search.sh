#!/usr/bin/env bash
# Lookup latency of the single view through Trino (issue 8): on the demo's world, an officer of the
# English force looks registrations up as `./bluelamp search` does, 200 searches by one client one
# after another, then by 16 clients at once. Results: bench/README.md.
#   bash bench/search.sh                  # SEARCHES=200 CLIENTS=16 by default
set -euo pipefail
cd "$(dirname "$0")/.."
./bluelamp demo   # the world, every pipeline and Trino, with progress (a rerun reads nothing twice)
./bluelamp user add bench-officer --role officer --force england >/dev/null
./bluelamp bench-search --user bench-officer --searches "${SEARCHES:-200}" --clients "${CLIENTS:-16}"
