"""Seeded data of the spatial benchmark (bench/spatial/run.sh).

A 30 km square city in planar metres (origin 500000, 150000): N clustered points (300 Gaussian
clusters of 100 m to 1.5 km, heavy-tailed weights, 80% of the points; the rest uniform) and
about 2,000 irregular polygons (star-shaped around a jittered 45 x 45 lattice, 50 to 300
vertices each, radii from smooth noise). Points go to points.parquet (x, y), polygons to
polygons.parquet (polygon_id, wkt), in chunks so that 100M points fit in a few hundred MB.

    python generate.py --points 10000000 --out /tmp/bluelamp-bench/10M
"""

import argparse
import math
import pathlib

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

X0, Y0, SIDE = 500_000.0, 150_000.0, 30_000.0
CHUNK = 5_000_000


def clusters(rng):
    n = 300
    centres = rng.uniform(0, SIDE, size=(n, 2))
    sigmas = np.exp(rng.uniform(math.log(100), math.log(1_500), size=n))
    weights = rng.pareto(1.5, size=n) + 0.05
    return centres, sigmas, weights / weights.sum()


def points(rng, count, model):
    """`count` points: 80% from the cluster mixture, 20% uniform, all inside the square."""
    centres, sigmas, weights = model
    out = np.empty((0, 2))
    while len(out) < count:
        need = count - len(out)
        clustered = rng.random(need) < 0.8
        which = rng.choice(len(weights), size=need, p=weights)
        xy = np.where(
            clustered[:, None],
            centres[which] + rng.normal(size=(need, 2)) * sigmas[which][:, None],
            rng.uniform(0, SIDE, size=(need, 2)),
        )
        inside = (xy >= 0).all(axis=1) & (xy < SIDE).all(axis=1)
        out = np.vstack([out, xy[inside]])
    return out[:count] + np.array([X0, Y0])


def polygons(rng):
    """Star-shaped polygons on a jittered 45 x 45 lattice (2,025 of them)."""
    step = SIDE / 45
    rows = []
    for i in range(45):
        for j in range(45):
            cx = X0 + (i + 0.5 + rng.uniform(-0.25, 0.25)) * step
            cy = Y0 + (j + 0.5 + rng.uniform(-0.25, 0.25)) * step
            vertices = int(rng.integers(50, 301))
            theta = np.linspace(0, 2 * math.pi, vertices, endpoint=False)
            radius = np.full(vertices, 0.6 * step)
            for k in range(2, 7):
                radius *= 1 + rng.uniform(0, 0.08) * np.sin(
                    k * theta + rng.uniform(0, 2 * math.pi)
                )
            ring = [
                (cx + r * math.cos(t), cy + r * math.sin(t))
                for r, t in zip(radius, theta)
            ]
            ring.append(ring[0])
            wkt = "POLYGON((" + ", ".join(f"{x:.2f} {y:.2f}" for x, y in ring) + "))"
            rows.append((len(rows) + 1, wkt))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    model = clusters(rng)
    shapes = polygons(rng)
    pq.write_table(
        pa.table({"polygon_id": [p[0] for p in shapes], "wkt": [p[1] for p in shapes]}),
        args.out / "polygons.parquet",
    )
    schema = pa.schema([("x", pa.float64()), ("y", pa.float64())])
    with pq.ParquetWriter(args.out / "points.parquet", schema) as writer:
        written = 0
        while written < args.points:
            n = min(CHUNK, args.points - written)
            xy = points(rng, n, model)
            # Row groups of 500k points: Spark splits a file only between row groups.
            writer.write_table(
                pa.table({"x": xy[:, 0], "y": xy[:, 1]}, schema=schema),
                row_group_size=500_000,
            )
            written += n
    print(f"generate: {args.points:,} points, {len(shapes):,} polygons in {args.out}")


if __name__ == "__main__":
    main()
