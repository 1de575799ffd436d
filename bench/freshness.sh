#!/usr/bin/env bash
# The 20-minute freshness benchmark (issue 9): how long `run --schedule live` takes to bring a
# 20-minute window of CAD data from the three forces into silver.incident and gold.supervisor_live,
# on a lake that already holds DAYS days of history at --scale 1.
#
#   bash bench/freshness.sh [DAYS]        (default 60; working data in /tmp/bluelamp-freshness)
#
# 1. generates the world (scale 1) into its own databases (bluelamp_world_bench);
# 2. holds the window back: the last day's England and Belgium CAD files are cut to their first
#    1/72 of rows (20 of 1,440 minutes), Lebanon's CAD rows of the last 20 minutes are moved
#    out of its MariaDB table;
# 3. loads the history: every source, every layer, up to the last day (not timed here);
# 4. lands the window (the cut files are in place; the held rows go back into MariaDB) and times
#    `./bluelamp run --schedule live` over the last day, twice (the second finds nothing new):
#    bronze of the three CAD sources, silver.incident merged (a micro-batch), the sources'
#    failed checks, gold.supervisor_live. The figure includes the JVM and Spark start-up.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
days="${1:-60}"
export BLUELAMP_HOME="${BLUELAMP_BENCH_HOME:-/tmp/bluelamp-freshness}"
db=bluelamp_world_bench
export BLUELAMP_ENGLAND_RMS_URL="jdbc:postgresql://127.0.0.1:5432/$db" BLUELAMP_ENGLAND_RMS_USER=postgres
export BLUELAMP_LEBANON_CAD_URL="jdbc:mariadb://127.0.0.1:3306/$db" BLUELAMP_LEBANON_CAD_USER=root
start=2026-01-05
last=$(date -d "$start + $((days - 1)) days" +%F)
next=$(date -d "$last + 1 day" +%F)
mysql() { command mariadb -u root "$@"; }

"$repo/bluelamp" --version >/dev/null # builds the jar now if it is stale, not inside a timing
bash "$repo/infra/embedded/databases.sh" >/dev/null
mysql -e "CREATE DATABASE IF NOT EXISTS $db"
psql -q -U postgres -h 127.0.0.1 -tc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
  || psql -q -U postgres -h 127.0.0.1 -c "CREATE DATABASE $db"

rm -rf "$BLUELAMP_HOME"
"$repo/bluelamp" generate --scale 1 --days "$days" --start "$start"

landing="$BLUELAMP_HOME/world/landing"
for file in "$landing/england/cad/cad_$last.csv" "$landing/belgium/appels/appels_$last.csv"; do
  rows=$(($(wc -l <"$file") - 1))
  head -n $((1 + (rows + 71) / 72)) "$file" >"$file.window"
  echo "window: $(basename "$file"): $(((rows + 71) / 72)) of $rows rows"
  mv "$file.window" "$file.held"
  mv "$file" "$file.day"
done
mysql "$db" -e "DROP TABLE IF EXISTS incidents_held;
  CREATE TABLE incidents_held AS SELECT * FROM incidents
    WHERE updated_at > (SELECT MAX(updated_at) - INTERVAL 20 MINUTE FROM incidents);
  DELETE FROM incidents WHERE id IN (SELECT id FROM incidents_held);
  SELECT CONCAT('window: lebanon incidents: ', COUNT(*), ' rows') FROM incidents_held" -N

echo "history: $start to $last (exclusive)"
( time "$repo/bluelamp" run --from "$start" --to "$last" ) 2>&1 | tail -n 4

for file in "$landing/england/cad/cad_$last.csv" "$landing/belgium/appels/appels_$last.csv"; do
  mv "$file.held" "$file"
done
mysql "$db" -e "INSERT INTO incidents SELECT * FROM incidents_held; DROP TABLE incidents_held"

"$repo/bluelamp" --version >/dev/null
for attempt in 1 2; do
  echo "live run $attempt: [$last, $next)"
  ( time "$repo/bluelamp" run --schedule live --from "$last" --to "$next" ) 2>&1
done
