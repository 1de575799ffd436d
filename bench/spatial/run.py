"""Drives the spatial benchmark (see run.sh, which prepares the tools): for each size, the same
seeded data through Sedona (./bluelamp bench-spatial), GeoPandas, PostGIS and numpy, one task
per process; checks that they agree and prints a Markdown table of times, peak memory and
ratios. Sedona runs each task four times in its JVM: the first run is what a one-off job in a
fresh JVM pays (its JIT warming up), the median of the others what the same work costs in a JVM
that has run it before (the pipelines' runner, a long-lived executor). numpy's second or so is
the median of five processes. Raw results go to DIR/results.jsonl.

    python run.py REPO WORKDIR 1000000,10000000
"""

import json
import pathlib
import statistics
import subprocess
import sys
import time

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

DATABASE = "bluelamp_bench"
HERE = pathlib.Path(__file__).parent


# Sedona runs each task once cold and this many times warm in its JVM (the median reported);
# numpy, a second at most, runs this many times, one process each (the median reported): on
# this shared machine one short run can be twice another.
WARM_RUNS = 3
NUMPY_RUNS = 5

# Above this many points a single-process peer runs with its address space capped at the
# machine's memory, so that running out of it is an answer (recorded), not a swapping machine.
CAPPED_ABOVE = 10_000_000


def machine_memory_bytes():
    with open("/proc/meminfo") as meminfo:
        kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal:"))
    return kb * 1024


def run_timed(command, env=None):
    """Runs command under GNU time; returns (completed process, peak resident MB, wall seconds)."""
    started = time.perf_counter()
    out = subprocess.run(
        ["/usr/bin/time", "-f", "PEAK_KB %M", *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - started
    peak = [line for line in out.stderr.splitlines() if line.startswith("PEAK_KB ")]
    if not peak:
        raise SystemExit(
            f"{' '.join(command)} ended without GNU time's report (killed?), exit"
            f" {out.returncode}:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
        )
    return out, round(int(peak[-1].split()[1]) / 1024), wall


def timed(command, env=None):
    """As run_timed, failing the benchmark when the command fails; returns (stdout, MB, s)."""
    out, peak, wall = run_timed(command, env)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return out.stdout, peak, wall


def peer(python, tool, folder, points):
    """A Python peer's result; above CAPPED_ABOVE points, its failure within the machine's memory."""
    command = [python, str(HERE / "peers.py"), tool, str(folder)]
    if points <= CAPPED_ABOVE:
        out, peak, wall = timed(command)
        return {**json_line(out), "peak_mb": peak, "wall_seconds": wall}
    cap = machine_memory_bytes()
    out, peak, wall = run_timed(["prlimit", f"--as={cap}", *command])
    if out.returncode == 0:
        return {**json_line(out.stdout), "peak_mb": peak, "wall_seconds": wall}
    error = [
        line
        for line in out.stderr.splitlines()
        if line.strip() and not line.startswith(("PEAK_KB ", "Command exited"))
    ]
    return {
        "tool": tool,
        "task": {"geopandas": "join", "numpy": "grid_gi_star"}[tool],
        "failed": f"{error[-1] if error else 'failed'} (capped at {cap / 2**30:.1f} GiB)",
        "peak_mb": peak,
        "seconds": wall,
    }


def json_lines(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def json_line(stdout):
    return json_lines(stdout)[-1]


def psql(sql, database=DATABASE):
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-qAt",
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"psql failed: {sql[:200]}\n{out.stderr}")
    return out.stdout.strip()


def postgis(folder):
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", "postgres")
    psql(f"CREATE DATABASE {DATABASE}", "postgres")
    psql("CREATE EXTENSION postgis")
    pacsv.write_csv(pq.read_table(folder / "points.parquet"), folder / "points.csv")
    pacsv.write_csv(pq.read_table(folder / "polygons.parquet"), folder / "polygons.csv")
    started = time.perf_counter()
    psql("CREATE UNLOGGED TABLE raw_points (x float8, y float8)")
    psql(f"\\copy raw_points FROM '{folder}/points.csv' WITH (FORMAT csv, HEADER)")
    psql("CREATE TABLE raw_polygons (polygon_id int, wkt text)")
    psql(f"\\copy raw_polygons FROM '{folder}/polygons.csv' WITH (FORMAT csv, HEADER)")
    psql("CREATE TABLE points AS SELECT ST_Point(x, y) AS geom FROM raw_points")
    psql(
        "CREATE TABLE polygons AS SELECT polygon_id, ST_GeomFromText(wkt) AS geom FROM raw_polygons"
    )
    psql("CREATE INDEX ON points USING gist (geom)")
    psql("CREATE INDEX ON polygons USING gist (geom)")
    psql("ANALYZE points; ANALYZE polygons")
    load = time.perf_counter() - started
    started = time.perf_counter()
    answer = psql(
        "SELECT sum(n), sum(polygon_id::bigint * n) FROM (SELECT p.polygon_id, count(*) AS n"
        " FROM polygons p JOIN points t ON ST_Contains(p.geom, t.geom) GROUP BY p.polygon_id) c"
    )
    seconds = time.perf_counter() - started
    pairs, weighted = answer.split("|")
    (folder / "points.csv").unlink()
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", "postgres")
    return {
        "tool": "postgis",
        "task": "join",
        "pairs": int(pairs),
        "weighted": int(weighted),
        "seconds": seconds,
        "load_seconds": load,
    }


def main():
    repo, work, sizes = (
        pathlib.Path(sys.argv[1]),
        pathlib.Path(sys.argv[2]),
        sys.argv[3],
    )
    python = sys.executable
    results = []
    for n in [int(s) for s in sizes.split(",")]:
        folder = work / f"{n // 1_000_000}M"
        if not (folder / "points.parquet").exists():
            subprocess.run(
                [python, HERE / "generate.py", "--points", str(n), "--out", folder],
                check=True,
            )
        runs = []
        for task in ["join", "grid_gi_star"]:
            out, peak, wall = timed(
                [
                    str(repo / "bluelamp"),
                    "bench-spatial",
                    task,
                    str(folder),
                    "--runs",
                    str(1 + WARM_RUNS),
                ]
            )
            first, *warm = json_lines(out)
            runs.append(
                {
                    **first,
                    "warm_seconds": statistics.median(w["seconds"] for w in warm),
                    "all_seconds": [first["seconds"], *(w["seconds"] for w in warm)],
                    "peak_mb": peak,
                    "wall_seconds": wall,
                }
            )
        runs.append(peer(python, "geopandas", folder, n))
        numpy = [peer(python, "numpy", folder, n) for _ in range(NUMPY_RUNS)]
        runs.append(
            numpy[0]
            if any("failed" in run for run in numpy)
            else {
                **numpy[0],
                "seconds": statistics.median(run["seconds"] for run in numpy),
                "all_seconds": [run["seconds"] for run in numpy],
            }
        )
        if n <= 10_000_000:
            runs.append(postgis(folder))
        for run in runs:
            run["points"] = n
            print(json.dumps(run), flush=True)
        results.extend(runs)
    with open(work / "results.jsonl", "a") as out:
        for run in results:
            out.write(json.dumps(run) + "\n")
    print(table(results))


def table(results):
    lines = [
        "| points | task | tool | seconds | peak MB | answer | ratio to Sedona (first, warm) |",
        "|---|---|---|---|---|---|---|",
    ]
    for run in results:
        sedona = next(
            r
            for r in results
            if r["tool"] == "sedona" and r["task"] == run["task"] and r["points"] == run["points"]
        )
        if "failed" in run:
            answer = f"FAILED after {run['seconds']:.0f} s: {run['failed']}"
        elif run["task"] == "join":
            answer = f"{run['pairs']:,} pairs"
        else:
            answer = f"{run['hot99']} hot cells at 99%, max z {run['max_z']}"
        agrees = all(
            run.get(k) == sedona.get(k)
            for k in ["pairs", "weighted", "hot99", "cold99"]
            if k in run
        )
        if "failed" in run:
            lines.append(
                f"| {run['points']:,} | {run['task']} | {run['tool']} | - | {run['peak_mb']}"
                f" | {answer} | - |"
            )
            continue
        if run["tool"] == "sedona":
            seconds = (
                f"{run['seconds']:.1f} first, {run['warm_seconds']:.1f} warm"
                f" (+{run['startup_seconds']:.0f} start-up)"
            )
        else:
            seconds = f"{run['seconds']:.1f}" + (
                f" (+{run['load_seconds']:.0f} load)" if "load_seconds" in run else ""
            )
        lines.append(
            f"| {run['points']:,} | {run['task']} | {run['tool']} | {seconds}"
            + f" | {run.get('peak_mb', 'n/a')} | {answer}{'' if agrees else ' DIFFERS'}"
            + f" | {run['seconds'] / sedona['seconds']:.2f},"
            + f" {run['seconds'] / sedona['warm_seconds']:.2f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
