"""What an analyst would otherwise run, on the data of generate.py: one task per process, so
that the peak memory (ru_maxrss) is the task's. Prints one JSON line per task.

    python peers.py geopandas DIR   # point-in-polygon with a count per polygon (shapely 2 STRtree)
    python peers.py numpy DIR       # 250 m grid counts + Gi* (750 m band, binary, self included)
"""

import json
import resource
import sys
import time

import numpy as np
import pyarrow.parquet as pq

X0, Y0, SIDE, CELL, BAND = 500_000.0, 150_000.0, 30_000.0, 250.0, 750.0


def geopandas_join(folder):
    import geopandas as gpd
    import shapely

    started = time.perf_counter()
    table = pq.read_table(f"{folder}/points.parquet", columns=["x", "y"])
    points = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy(table["x"].to_numpy(), table["y"].to_numpy())
    )
    shapes = pq.read_table(f"{folder}/polygons.parquet").to_pandas()
    polygons = gpd.GeoDataFrame(
        {"polygon_id": shapes["polygon_id"]}, geometry=shapely.from_wkt(shapes["wkt"])
    )
    joined = gpd.sjoin(points, polygons, predicate="within", how="inner")
    counts = joined.groupby("polygon_id").size()
    seconds = time.perf_counter() - started
    return {
        "pairs": int(counts.sum()),
        "weighted": int((counts.index.to_numpy() * counts.to_numpy()).sum()),
        "seconds": seconds,
        "rows": len(points),
    }


def numpy_gi_star(folder):
    from scipy import ndimage

    started = time.perf_counter()
    table = pq.read_table(f"{folder}/points.parquet", columns=["x", "y"])
    side = int(SIDE / CELL)
    ix = np.floor((table["x"].to_numpy() - X0) / CELL).astype(np.int64)
    iy = np.floor((table["y"].to_numpy() - Y0) / CELL).astype(np.int64)
    counts = (
        np.bincount(ix * side + iy, minlength=side * side)
        .reshape(side, side)
        .astype(float)
    )
    reach = int(BAND // CELL)
    offsets = np.arange(-reach, reach + 1)
    kernel = (
        offsets[:, None] ** 2 + offsets[None, :] ** 2 <= (BAND / CELL) ** 2
    ).astype(float)
    wx = ndimage.correlate(counts, kernel, mode="constant", cval=0.0)
    w = ndimage.correlate(np.ones_like(counts), kernel, mode="constant", cval=0.0)
    n = counts.size
    mean = counts.mean()
    s = np.sqrt((counts**2).mean() - mean**2)
    z = (wx - mean * w) / (s * np.sqrt((n * w - w**2) / (n - 1)))  # binary: sum w^2 = W
    seconds = time.perf_counter() - started
    return {
        "hot99": int((z > 2.5758293035489).sum()),
        "cold99": int((z < -2.5758293035489).sum()),
        "max_z": round(float(z.max()), 6),
        "seconds": seconds,
        "rows": int(counts.sum()),
    }


def main():
    task, folder = sys.argv[1], sys.argv[2]
    result = {"geopandas": geopandas_join, "numpy": numpy_gi_star}[task](folder)
    result["tool"] = task
    result["task"] = "join" if task == "geopandas" else "grid_gi_star"
    result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
