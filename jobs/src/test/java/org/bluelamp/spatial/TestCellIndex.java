package org.bluelamp.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestCellIndex {
  /**
   * Random cells of a cube, then every cell of a box around them asked for: found exactly where a
   * cell was put, at its index. A compact area gets the dense table, one with a far-away cluster
   * (an island: a bounding box of billions of cells) the hash map; both answer alike.
   */
  @Test
  void findsEveryCellItHoldsAndNoOther() {
    for (long island : List.of(0L, 50_000_000L)) {
      Random random = new Random(7L);
      Map<List<Long>, Integer> truth = new HashMap<>();
      int n = 400;
      long[] xs = new long[n];
      long[] ys = new long[n];
      long[] ts = new long[n];
      for (int i = 0; i < n; i++) {
        do {
          xs[i] = random.nextInt(30) - 10 + (i % 2 == 0 ? 0 : island);
          ys[i] = random.nextInt(30) - 10;
          ts[i] = random.nextInt(3);
        } while (truth.containsKey(List.of(xs[i], ys[i], ts[i])));
        truth.put(List.of(xs[i], ys[i], ts[i]), i);
      }
      CellIndex index = new CellIndex(xs, ys, ts);
      int found = 0;
      for (long base : island == 0 ? List.of(0L) : List.of(0L, island)) {
        for (long x = base - 12; x < base + 22; x++) {
          for (long y = -12; y < 22; y++) {
            for (long t = -1; t < 4; t++) {
              int expected = truth.getOrDefault(List.of(x, y, t), -1);
              assertThat(index.find(x, y, t)).as(x + "," + y + "," + t).isEqualTo(expected);
              found += expected >= 0 ? 1 : 0;
            }
          }
        }
      }
      assertThat(found).isEqualTo(n);
    }
  }

  @Test
  void aCellTwiceInOneAreaIsRefusedWithItsPlace() {
    assertThatThrownBy(
            () -> new CellIndex(new long[] {1, 2, 1}, new long[] {5, 5, 5}, new long[] {0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cell (1, 5, step 0) is twice");
  }
}
