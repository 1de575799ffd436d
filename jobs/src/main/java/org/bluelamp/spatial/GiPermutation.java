package org.bluelamp.spatial;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;

/**
 * Permutation inference for Gi and Gi* by conditional randomisation (Anselin 1995; PySAL esda's
 * {@code G_Local(permutations=...)}): each cell's own value stays, the other cells' values are
 * shuffled over its neighbours, and the pseudo p-value is the share of shuffles at least as extreme
 * as what was observed, in the observed direction: {@code p = (min(ge, le) + 1) / (P + 1)} over
 * {@code P} shuffles, {@code ge} of them with a weighted neighbourhood sum at least the observed
 * one and {@code le} at most (so never below {@code 1 / (P + 1)}). A tie counts on both sides: esda
 * counts it as larger only, which makes a cell whose sum is the least possible (an empty
 * neighbourhood, where every shuffle is also empty or more) look significant. The denominator of G
 * (all values but, for Gi, the cell's own) does not change under such a shuffle, so comparing the
 * weighted sums is comparing the statistic.
 *
 * <p>Each cell draws from its own random stream, seeded from the run's seed, its group and its
 * cell: the result is the same whatever order or partition the cells come in.
 */
final class GiPermutation {
  private GiPermutation() {}

  /**
   * The pseudo p-value of each cell ({@code cells}: rows of {@code cell_x}, {@code cell_y}, {@code
   * value}, the whole study area of one statistic, sorted by {@code cell_x} then {@code cell_y}:
   * the shuffles draw from the cells in this order).
   */
  static double[] pseudoP(
      List<Row> cells,
      GetisOrd.Neighbourhood neighbourhood,
      int permutations,
      long seed,
      String group) {
    int n = cells.size();
    long[] xs = new long[n];
    long[] ys = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      Row cell = cells.get(i);
      xs[i] = cell.getLong(0);
      ys[i] = cell.getLong(1);
      values[i] = cell.getDouble(2);
    }
    CellIndex index = new CellIndex(xs, ys, new long[n]);
    List<Row> offsets =
        neighbourhood.offsets().stream()
            .filter(o -> o.getLong(2) == 0 && (o.getLong(0) != 0 || o.getLong(1) != 0))
            .toList();
    double self = neighbourhood.star() ? 1.0 : 0.0;
    int[] pool = new int[n];
    for (int i = 0; i < n; i++) {
      pool[i] = i;
    }
    double[] p = new double[n];
    double[] weights = new double[offsets.size()];
    int[] swaps = new int[offsets.size()];
    for (int i = 0; i < n; i++) {
      int k = 0;
      double observed = self * values[i];
      for (Row offset : offsets) {
        int j = index.find(xs[i] + offset.getLong(0), ys[i] + offset.getLong(1), 0);
        if (j >= 0) {
          weights[k++] = offset.getDouble(3);
          observed += offset.getDouble(3) * values[j];
        }
      }
      // The other cells are pool[0 .. n-2]: this cell is swapped to the end (the pool is the
      // identity again after every cell, each draw's swaps undone).
      swap(pool, i, n - 1);
      SplittableRandom random = new SplittableRandom(mix(seed, group, xs[i], ys[i]));
      int draws = Math.min(k, n - 1);
      double tolerance = 1e-9 * Math.max(1.0, Math.abs(observed));
      int atLeast = 0;
      int atMost = 0;
      for (int s = 0; s < permutations; s++) {
        double simulated = self * values[i];
        for (int m = 0; m < draws; m++) {
          int r = m + random.nextInt(n - 1 - m);
          swaps[m] = r;
          swap(pool, m, r);
          simulated += weights[m] * values[pool[m]];
        }
        for (int m = draws - 1; m >= 0; m--) {
          swap(pool, m, swaps[m]);
        }
        if (simulated >= observed - tolerance) {
          atLeast++;
        }
        if (simulated <= observed + tolerance) {
          atMost++;
        }
      }
      swap(pool, i, n - 1);
      p[i] = (Math.min(atLeast, atMost) + 1.0) / (permutations + 1.0);
    }
    return p;
  }

  private static void swap(int[] pool, int a, int b) {
    int t = pool[a];
    pool[a] = pool[b];
    pool[b] = t;
  }

  /** A 64-bit seed from the run's seed, the group and the cell (SplitMix64 finaliser). */
  private static long mix(long seed, String group, long x, long y) {
    long h = seed;
    for (long part : new long[] {group.hashCode(), x, y}) {
      h += 0x9E3779B97F4A7C15L + part;
      h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
      h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
      h ^= h >>> 31;
    }
    return h;
  }
}
