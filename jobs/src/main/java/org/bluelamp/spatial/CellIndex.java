package org.bluelamp.spatial;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each cell of one study area (column, row and, in a space-time cube, time step) is in the
 * arrays of its values, to find a cell's neighbours by offset. A dense table over the cells'
 * bounding box when it is small (a force's grid: thousands to a few hundred thousand cells), a hash
 * map otherwise (cells scattered over a large extent).
 */
final class CellIndex {
  /** The largest bounding box kept as a dense table (16 MB of ints). */
  private static final long DENSE_CELLS = 4_000_000;

  private final long minX;
  private final long minY;
  private final long minT;
  private final long spanX;
  private final long spanY;
  private final long spanT;
  private final int[] dense;
  private final Map<Long, Integer> sparse;

  CellIndex(long[] xs, long[] ys, long[] ts) {
    int n = xs.length;
    minX = n == 0 ? 0 : Arrays.stream(xs).min().getAsLong();
    minY = n == 0 ? 0 : Arrays.stream(ys).min().getAsLong();
    minT = n == 0 ? 0 : Arrays.stream(ts).min().getAsLong();
    spanX = n == 0 ? 1 : Arrays.stream(xs).max().getAsLong() - minX + 1;
    spanY = n == 0 ? 1 : Arrays.stream(ys).max().getAsLong() - minY + 1;
    spanT = n == 0 ? 1 : Arrays.stream(ts).max().getAsLong() - minT + 1;
    long cells = Math.multiplyExact(Math.multiplyExact(spanX, spanY), spanT);
    dense = cells <= DENSE_CELLS ? new int[(int) cells] : null;
    sparse = dense == null ? new HashMap<>() : null;
    if (dense != null) {
      Arrays.fill(dense, -1);
    }
    for (int i = 0; i < n; i++) {
      long key = key(xs[i], ys[i], ts[i]);
      int earlier = dense != null ? dense[(int) key] : sparse.getOrDefault(key, -1);
      if (earlier >= 0) {
        throw new IllegalArgumentException(
            "cell ("
                + xs[i]
                + ", "
                + ys[i]
                + ", step "
                + ts[i]
                + ") is twice in one study area: a Gi* input holds each cell of an area once per"
                + " layer");
      }
      if (dense != null) {
        dense[(int) key] = i;
      } else {
        sparse.put(key, i);
      }
    }
  }

  private long key(long x, long y, long t) {
    return ((x - minX) * spanY + (y - minY)) * spanT + (t - minT);
  }

  /** The index of the cell, or -1 when it is not in the area. */
  int find(long x, long y, long t) {
    if (x < minX
        || y < minY
        || t < minT
        || x - minX >= spanX
        || y - minY >= spanY
        || t - minT >= spanT) {
      return -1;
    }
    long key = key(x, y, t);
    return dense != null ? dense[(int) key] : sparse.getOrDefault(key, -1);
  }
}
