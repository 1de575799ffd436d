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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.SharedSpark;
import org.bluelamp.spatial.GetisOrd.Neighbourhood;
import org.bluelamp.spatial.GetisOrd.Weights;
import org.junit.jupiter.api.Test;

class TestGetisOrd {
  private static final StructType CELLS =
      new StructType()
          .add("cell_x", DataTypes.LongType)
          .add("cell_y", DataTypes.LongType)
          .add("value", DataTypes.DoubleType);

  private static Dataset<Row> cells(double[][] values) {
    List<Row> rows = new ArrayList<>();
    for (int x = 0; x < values.length; x++) {
      for (int y = 0; y < values[x].length; y++) {
        rows.add(RowFactory.create((long) x, (long) y, values[x][y]));
      }
    }
    return SharedSpark.session().createDataFrame(rows, CELLS);
  }

  private static Map<String, Double> z(Dataset<Row> result) {
    Map<String, Double> z = new HashMap<>();
    for (Row row : result.collectAsList()) {
      z.put(
          row.getLong(0) + "," + row.getLong(1),
          row.isNullAt(row.fieldIndex("gi_z")) ? null : row.getDouble(row.fieldIndex("gi_z")));
    }
    return z;
  }

  /**
   * Five cells in a row, 10 crimes in the middle one, binary weights within one cell. Worked by
   * hand: n = 5, mean 2, S = sqrt(100/5 - 4) = 4. Gi* of the middle cell: (10 - 2 * 3) / (4 *
   * sqrt((5 * 3 - 9) / 4)) = sqrt(2/3); of an end cell: (0 - 2 * 2) / (4 * sqrt((10 - 4) / 4)) =
   * -sqrt(2/3). Gi of cell 1 (itself left out: the others' mean 2.5, S = sqrt(100/4 - 6.25)): (10 -
   * 2.5 * 2) / (S * sqrt((4 * 2 - 4) / 3)) = 1; of cell 0: (0 - 2.5) / (S * sqrt((4 - 1) / 3)) =
   * -1/sqrt(3); the middle cell's Gi is undefined (the others are all 0).
   */
  @Test
  void aRowOfFiveCellsMatchesTheFormulaWorkedByHand() {
    Dataset<Row> row = cells(new double[][] {{0}, {0}, {10}, {0}, {0}});
    Map<String, Double> star =
        z(GetisOrd.local(row, List.of(), List.of(), Neighbourhood.star(1.0, Weights.BINARY)));
    double r = Math.sqrt(2.0 / 3.0);
    assertThat(star.get("0,0")).isCloseTo(-r, within(1e-9));
    assertThat(star.get("1,0")).isCloseTo(r, within(1e-9));
    assertThat(star.get("2,0")).isCloseTo(r, within(1e-9));
    assertThat(star.get("3,0")).isCloseTo(r, within(1e-9));
    assertThat(star.get("4,0")).isCloseTo(-r, within(1e-9));
    Map<String, Double> plain =
        z(
            GetisOrd.local(
                row, List.of(), List.of(), new Neighbourhood(1.0, Weights.BINARY, false, 0)));
    assertThat(plain.get("1,0")).isCloseTo(1.0, within(1e-9));
    assertThat(plain.get("0,0")).isCloseTo(-1 / Math.sqrt(3), within(1e-9));
    assertThat(plain).containsEntry("2,0", null);
    // two-sided normal p of sqrt(2/3): Python's math.erfc(sqrt(1/3))
    Row middle =
        GetisOrd.local(row, List.of(), List.of(), Neighbourhood.star(1.0, Weights.BINARY))
            .filter("cell_x = 2")
            .first();
    assertThat(middle.getDouble(middle.fieldIndex("gi_p")))
        .isCloseTo(0.41421617824252516, within(1e-9));
  }

  /**
   * A brute-force oracle: the formula summed over every pair of bins of a cube {@code v[t][x][y]},
   * neighbours by Euclidean distance within {@code band} and 0 to {@code steps} time steps before.
   */
  private static double oracle(
      double[][][] v, int t, int i, int k, double band, Weights w, boolean star, int steps) {
    double n = 0;
    double total = 0;
    double squares = 0;
    double wx = 0;
    double ws = 0;
    double w2 = 0;
    for (int s = 0; s < v.length; s++) {
      for (int x = 0; x < v[s].length; x++) {
        for (int y = 0; y < v[s][x].length; y++) {
          boolean self = s == t && x == i && y == k;
          if (self && !star) {
            continue;
          }
          n++;
          total += v[s][x][y];
          squares += v[s][x][y] * v[s][x][y];
          double d = Math.hypot(x - i, y - k);
          if (d <= band && t - s >= 0 && t - s <= steps) {
            double weight = d == 0 || w == Weights.BINARY ? 1 : 1 / d;
            wx += weight * v[s][x][y];
            ws += weight;
            w2 += weight * weight;
          }
        }
      }
    }
    double mean = total / n;
    double sd = Math.sqrt(squares / n - mean * mean);
    return (wx - mean * ws) / (sd * Math.sqrt((n * w2 - ws * ws) / (n - 1)));
  }

  private static double[][] randomGrid(Random random, int nx, int ny) {
    double[][] values = new double[nx][ny];
    for (double[] column : values) {
      for (int y = 0; y < column.length; y++) {
        column[y] = random.nextInt(4) == 0 ? random.nextInt(20) : 0;
      }
    }
    return values;
  }

  @Test
  void aRandomGridEqualsTheBruteForceOracleForEveryWeightingWithAndWithoutTheCellItself() {
    double[][] values = randomGrid(new Random(7), 12, 9);
    values[5][4] = 60;
    Dataset<Row> grid = cells(values);
    for (Weights weights : Weights.values()) {
      for (boolean star : new boolean[] {true, false}) {
        Map<String, Double> z =
            z(GetisOrd.local(grid, List.of(), List.of(), new Neighbourhood(2.5, weights, star, 0)));
        assertThat(z).hasSize(12 * 9);
        for (int x = 0; x < 12; x++) {
          for (int y = 0; y < 9; y++) {
            assertThat(z.get(x + "," + y))
                .as(weights + (star ? " Gi*" : " Gi") + " at " + x + "," + y)
                .isCloseTo(
                    oracle(new double[][][] {values}, 0, x, y, 2.5, weights, star, 0),
                    within(1e-9));
          }
        }
      }
    }
  }

  /** Two groups in one call: each has its own mean and deviation, as if computed alone. */
  @Test
  void eachGroupIsItsOwnStudyArea() {
    Random random = new Random(11);
    double[][] a = randomGrid(random, 6, 5);
    double[][] b = randomGrid(random, 6, 5);
    b[1][1] = 80;
    List<Row> rows = new ArrayList<>();
    for (int x = 0; x < 6; x++) {
      for (int y = 0; y < 5; y++) {
        rows.add(RowFactory.create("a", (long) x, (long) y, a[x][y]));
        rows.add(RowFactory.create("b", (long) x, (long) y, b[x][y]));
      }
    }
    StructType schema = new StructType().add("force_id", DataTypes.StringType);
    for (var field : CELLS.fields()) {
      schema = schema.add(field);
    }
    Dataset<Row> both = SharedSpark.session().createDataFrame(rows, schema);
    Neighbourhood band = Neighbourhood.star(1.5, Weights.BINARY);
    // The same cells as two areas, or as two layers (months, say) of one area.
    List<Row> result =
        new ArrayList<>(GetisOrd.local(both, List.of("force_id"), List.of(), band).collectAsList());
    result.addAll(GetisOrd.local(both, List.of(), List.of("force_id"), band).collectAsList());
    assertThat(result).hasSize(2 * 2 * 6 * 5);
    for (Row row : result) {
      double[][] grid = row.getString(0).equals("a") ? a : b;
      int x = (int) row.getLong(1);
      int y = (int) row.getLong(2);
      assertThat(row.getDouble(row.fieldIndex("gi_z")))
          .as(row.getString(0) + " at " + x + "," + y)
          .isCloseTo(
              oracle(new double[][][] {grid}, 0, x, y, 1.5, Weights.BINARY, true, 0), within(1e-9));
    }
  }

  /** A space-time cube of 5 steps of a 7 x 6 grid, neighbours 1 and 2 steps back. */
  @Test
  void aSpaceTimeCubeEqualsTheBruteForceOracle() {
    Random random = new Random(13);
    double[][][] cube = new double[5][][];
    List<Row> rows = new ArrayList<>();
    for (int t = 0; t < cube.length; t++) {
      cube[t] = randomGrid(random, 7, 6);
      for (int x = 0; x < 7; x++) {
        for (int y = 0; y < 6; y++) {
          rows.add(RowFactory.create((long) x, (long) y, (long) t, cube[t][x][y]));
        }
      }
    }
    Dataset<Row> bins =
        SharedSpark.session()
            .createDataFrame(
                rows,
                new StructType()
                    .add("cell_x", DataTypes.LongType)
                    .add("cell_y", DataTypes.LongType)
                    .add("cell_t", DataTypes.LongType)
                    .add("value", DataTypes.DoubleType));
    for (int steps = 1; steps <= 2; steps++) {
      Neighbourhood band = new Neighbourhood(1.5, Weights.BINARY, true, steps);
      List<Row> result = GetisOrd.local(bins, List.of(), List.of(), band).collectAsList();
      assertThat(result).hasSize(5 * 7 * 6);
      for (Row row : result) {
        int x = (int) row.getLong(0);
        int y = (int) row.getLong(1);
        int t = (int) row.getLong(2);
        assertThat(row.getDouble(row.fieldIndex("gi_z")))
            .as("step " + t + " at " + x + "," + y + ", " + steps + " step(s) back")
            .isCloseTo(oracle(cube, t, x, y, 1.5, Weights.BINARY, true, steps), within(1e-9));
      }
    }
  }

  @Test
  void binsFollowEsrisConfidenceLevels() {
    Dataset<Row> z =
        SharedSpark.session()
            .sql(
                "SELECT * FROM VALUES (1, 3.0, 0.005), (2, -2.0, 0.04), (3, 1.7, 0.09),"
                    + " (4, 0.5, 0.6), (5, -3.1, 0.001),"
                    + " (6, CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE)) AS t(id, gi_z, gi_p)");
    assertThat(bins(GetisOrd.withBins(z, List.of(), false))).containsExactly(3, -2, 1, 0, -3, 0);
    // BH over the five p-values (0.001, 0.005, 0.04, 0.09, 0.6): at 0.01 the line k 0.002 lets
    // only 0.001 through; at 0.05 (k 0.01) 0.001 and 0.005, not 0.04 > 0.03; at 0.10 (k 0.02)
    // up to 0.04 <= 0.06, not 0.09 > 0.08: so -3.1 stays -3, 3.0 drops to 2, -2.0 to -1, 1.7 to 0.
    assertThat(bins(GetisOrd.withBins(z, List.of(), true))).containsExactly(2, -1, 0, 0, -3, 0);
  }

  private static List<Integer> bins(Dataset<Row> binned) {
    return binned.orderBy("id").select("gi_bin").collectAsList().stream()
        .map(r -> r.getInt(0))
        .toList();
  }

  /**
   * Worked by hand, per group: k alpha / 7 against the sorted p-values (the largest that passes is
   * the threshold). Group a: at 0.05 (0.00714 k) 0.001 and 0.008 pass, 0.039 > 0.0214 and no later
   * one passes; at 0.10 (0.01429 k) k = 6 passes (0.074 <= 0.0857), 0.205 > 0.1 does not; at 0.01
   * (0.00143 k) only 0.001. Group b holds the same p-values but two: 0.039 is alone at 0.02 line (k
   * = 1 of 2: 0.039 > 0.025 at 0.05, <= 0.05 at 0.10), 0.3 never.
   */
  @Test
  void theBenjaminiHochbergThresholdIsTheLargestPValueUnderItsRankLinePerGroup() {
    double[] p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.074, 0.205};
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < p.length; i++) {
      values.append(String.format("('a', %d, 1.0, %s), ", i + 1, p[i]));
    }
    values.append("('b', 8, 1.0, 0.039), ('b', 9, 1.0, 0.3)");
    Dataset<Row> z =
        SharedSpark.session()
            .sql("SELECT * FROM VALUES " + values + " AS t(force_id, id, gi_z, gi_p)");
    assertThat(bins(GetisOrd.withBins(z, List.of("force_id"), true)))
        .containsExactly(3, 2, 1, 1, 1, 1, 0, 1, 0);
  }
}
