#!/usr/bin/env bash
# The spatial benchmark (issue 5): N clustered points in a 30 km city against ~2,000 irregular
# polygons (point-in-polygon, a count per polygon), and the 250 m grid + Gi* (750 m band) over the
# same points, through Sedona (this project), GeoPandas (shapely 2 STRtree), PostGIS (GiST) and a
# single-pass numpy/scipy version, on the same seeded data in one run; the answers must agree.
#
#   bash bench/spatial/run.sh [SIZES]     SIZES: comma-separated point counts, default 1000000,10000000
#
# Working data in ${BLUELAMP_BENCH_DIR:-/tmp/bluelamp-bench}. Prepares its tools itself: a Python
# venv with geopandas, pyarrow and scipy from the wheels on disk (BLUELAMP_BENCH_WHEELS, default
# /opt/pypi/files), and PostGIS from Debian's packages (postgresql-15-postgis-3; needs root).
# Sedona runs with whole-stage code generation on (a batch of millions, unlike the pipelines'
# small local batches) and BLUELAMP_BENCH_HEAP of heap (default 8g). Above 10M points PostGIS is
# left out and the Python peers run with their address space capped at the machine's memory: a
# peer that cannot fit is recorded as failed. Results: bench/README.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes="${1:-1000000,10000000}"
work="${BLUELAMP_BENCH_DIR:-/tmp/bluelamp-bench}"
mkdir -p "$work"

venv="$work/venv"
if ! "$venv/bin/python" -c 'import geopandas, pyarrow, scipy' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --no-index --find-links "${BLUELAMP_BENCH_WHEELS:-/opt/pypi/files}" \
    geopandas pyarrow scipy
fi
if ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  echo "bench: installing PostGIS (postgresql-15-postgis-3) from Debian's packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15-postgis-3 >&2
fi

"$repo/bluelamp" --version >/dev/null # builds the jar now if stale, not inside a timing
export BLUELAMP_JAVA_OPTS="-Xmx${BLUELAMP_BENCH_HEAP:-8g} -XX:ReservedCodeCacheSize=512m -Dspark.sql.codegen.wholeStage=true -Dspark.sql.codegen.factoryMode=FALLBACK"
exec "$venv/bin/python" "$repo/bench/spatial/run.py" "$repo" "$work" "$sizes"
