package org.bluelamp.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.SharedSpark;
import org.bluelamp.spatial.GetisOrd.Neighbourhood;
import org.bluelamp.spatial.GetisOrd.Weights;
import org.junit.jupiter.api.Test;

/**
 * Conditional-randomisation pseudo p-values of Gi and Gi* against their exact distribution: on a
 * grid small enough to list every way of filling a cell's neighbourhood from the other cells (each
 * subset equally likely, which is what a uniform shuffle gives), the share of fillings at least (at
 * most) as large as observed is the exact one-sided p; 9,999 seeded shuffles must come within four
 * standard errors of it.
 */
class TestGiPermutation {
  private static final StructType CELLS =
      new StructType()
          .add("group", DataTypes.StringType)
          .add("cell_x", DataTypes.LongType)
          .add("cell_y", DataTypes.LongType)
          .add("value", DataTypes.DoubleType);

  private static final int PERMUTATIONS = 9_999;

  /** A 4 x 3 grid of small counts, and a second group with another draw. */
  private static List<Row> grid(Random random, String group) {
    List<Row> rows = new ArrayList<>();
    for (long x = 0; x < 4; x++) {
      for (long y = 0; y < 3; y++) {
        rows.add(RowFactory.create(group, x, y, (double) random.nextInt(6)));
      }
    }
    return rows;
  }

  private static Map<String, Double> pseudoP(Dataset<Row> cells, Neighbourhood band, long seed) {
    Map<String, Double> p = new HashMap<>();
    for (Row row :
        GetisOrd.withPermutations(
                GetisOrd.local(cells, List.of("group"), List.of(), band),
                List.of("group"),
                band,
                PERMUTATIONS,
                seed)
            .collectAsList()) {
      p.put(
          key(row.getAs("group"), row.getAs("cell_x"), row.getAs("cell_y")),
          row.getDouble(row.fieldIndex("gi_p_sim")));
    }
    return p;
  }

  private static String key(Object group, Object x, Object y) {
    return group + " " + x + "," + y;
  }

  /** The key of a cell built here (group, cell_x, cell_y, value). */
  private static String key(Row cell) {
    return key(cell.get(0), cell.get(1), cell.get(2));
  }

  /**
   * The exact pseudo p of a cell: every subset of the other cells' values, as many as its
   * neighbours, summed with its own value (for Gi*): {@code (min(#>=, #<=) share * P + 1) / (P +
   * 1)}. Binary weights, so a subset's order does not matter.
   */
  private static double exact(List<Row> group, Row cell, boolean star) {
    List<Double> others = new ArrayList<>();
    int neighbours = 0;
    double observed = star ? cell.getDouble(3) : 0;
    for (Row other : group) {
      if (other == cell) {
        continue;
      }
      others.add(other.getDouble(3));
      long dx = other.getLong(1) - cell.getLong(1);
      long dy = other.getLong(2) - cell.getLong(2);
      if (dx * dx + dy * dy == 1) {
        neighbours++;
        observed += other.getDouble(3);
      }
    }
    long[] counts = new long[3]; // subsets, at least observed, at most observed
    subsets(others, 0, neighbours, star ? cell.getDouble(3) : 0, observed, counts);
    double share = Math.min(counts[1], counts[2]) / (double) counts[0];
    return (share * PERMUTATIONS + 1) / (PERMUTATIONS + 1);
  }

  private static void subsets(
      List<Double> values, int from, int left, double sum, double observed, long[] counts) {
    if (left == 0) {
      counts[0]++;
      counts[1] += sum >= observed - 1e-9 ? 1 : 0;
      counts[2] += sum <= observed + 1e-9 ? 1 : 0;
      return;
    }
    for (int i = from; i <= values.size() - left; i++) {
      subsets(values, i + 1, left - 1, sum + values.get(i), observed, counts);
    }
  }

  @Test
  void pseudoPValuesMatchTheExactPermutationDistributionForGiStarAndGi() {
    Random random = new Random(11);
    List<Row> a = grid(random, "a");
    List<Row> b = grid(random, "b");
    List<Row> all = new ArrayList<>(a);
    all.addAll(b);
    Dataset<Row> cells = SharedSpark.session().createDataFrame(all, CELLS);
    for (boolean star : new boolean[] {true, false}) {
      Neighbourhood band = new Neighbourhood(1.0, Weights.BINARY, star, 0);
      Map<String, Double> p = pseudoP(cells, band, 7L);
      int checked = 0;
      for (List<Row> group : List.of(a, b)) {
        for (Row cell : group) {
          double expected = exact(group, cell, star);
          double error = Math.sqrt(expected * (1 - expected) / PERMUTATIONS);
          assertThat(p.get(key(cell)))
              .as((star ? "Gi* " : "Gi ") + key(cell))
              .isCloseTo(expected, within(4 * error + 2.0 / PERMUTATIONS));
          checked++;
        }
      }
      assertThat(checked).isEqualTo(24);
    }
  }

  @Test
  void theSameSeedGivesTheSameValuesWhateverTheOrderAndPartitioning() {
    Random random = new Random(3);
    List<Row> rows = grid(random, "a");
    Dataset<Row> cells = SharedSpark.session().createDataFrame(rows, CELLS);
    Dataset<Row> shuffled =
        cells
            .orderBy(functions.rand(5))
            .repartition(3)
            .select("group", "cell_x", "cell_y", "value");
    Neighbourhood band = Neighbourhood.star(1.5, Weights.INVERSE_DISTANCE);
    Map<String, Double> first = pseudoP(cells, band, 42L);
    assertThat(pseudoP(shuffled, band, 42L)).isEqualTo(first);
    assertThat(pseudoP(cells, band, 43L)).isNotEqualTo(first);
  }

  @Test
  void aClusterCellAndAnEmptyCornerGetTheirHypergeometricPValues() {
    List<Row> rows = new ArrayList<>();
    for (long x = 0; x < 10; x++) {
      for (long y = 0; y < 10; y++) {
        boolean cluster = x >= 4 && x <= 5 && y >= 4 && y <= 5;
        rows.add(RowFactory.create("a", x, y, cluster ? 20.0 : 0.0));
      }
    }
    Map<String, Double> p =
        pseudoP(
            SharedSpark.session().createDataFrame(rows, CELLS),
            Neighbourhood.star(1.0, Weights.BINARY),
            1L);
    // Four cells of 20 among 100. Cell (4,4) with its four neighbours sums 60 (itself and two of
    // the cluster); a shuffle reaches 60 when its 4 draws from the other 99 cells hold 2 or 3 of
    // their three 20s: (3 C(96,2) + C(96,1)) / C(99,4) = 13,776 / 3,764,376.
    double cluster = 13_776.0 / 3_764_376.0;
    assertThat(p.get("a 4,4"))
        .isCloseTo(
            (cluster * PERMUTATIONS + 1) / (PERMUTATIONS + 1),
            within(4 * Math.sqrt(cluster / PERMUTATIONS)));
    // A corner empty cell: every shuffle is at least its 0, and one with no 20 among its 2 draws
    // (of four 20s among 99) ties it: C(95,2) / C(99,2) = 4,465 / 4,851 of them.
    double empty = 4_465.0 / 4_851.0;
    assertThat(p.get("a 0,9"))
        .isCloseTo(
            (empty * PERMUTATIONS + 1) / (PERMUTATIONS + 1),
            within(4 * Math.sqrt(empty * (1 - empty) / PERMUTATIONS)));
  }
}
