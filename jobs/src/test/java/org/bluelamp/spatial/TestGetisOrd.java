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
    Map<String, Double> star = z(GetisOrd.local(row, 1.0, Weights.BINARY, true));
    double r = Math.sqrt(2.0 / 3.0);
    assertThat(star.get("0,0")).isCloseTo(-r, within(1e-9));
    assertThat(star.get("1,0")).isCloseTo(r, within(1e-9));
    assertThat(star.get("2,0")).isCloseTo(r, within(1e-9));
    assertThat(star.get("3,0")).isCloseTo(r, within(1e-9));
    assertThat(star.get("4,0")).isCloseTo(-r, within(1e-9));
    Map<String, Double> plain = z(GetisOrd.local(row, 1.0, Weights.BINARY, false));
    assertThat(plain.get("1,0")).isCloseTo(1.0, within(1e-9));
    assertThat(plain.get("0,0")).isCloseTo(-1 / Math.sqrt(3), within(1e-9));
    assertThat(plain).containsEntry("2,0", null);
    // two-sided normal p of sqrt(2/3): Python's math.erfc(sqrt(1/3))
    Row middle = GetisOrd.local(row, 1.0, Weights.BINARY, true).filter("cell_x = 2").first();
    assertThat(middle.getDouble(middle.fieldIndex("gi_p")))
        .isCloseTo(0.41421617824252516, within(1e-9));
  }

  /** A brute-force oracle: the formula summed over every pair of cells by Euclidean distance. */
  private static double oracle(double[][] v, int i, int k, double band, Weights w, boolean star) {
    int nx = v.length;
    int ny = v[0].length;
    double n = 0;
    double total = 0;
    double squares = 0;
    double wx = 0;
    double ws = 0;
    double w2 = 0;
    for (int x = 0; x < nx; x++) {
      for (int y = 0; y < ny; y++) {
        boolean self = x == i && y == k;
        if (self && !star) {
          continue;
        }
        n++;
        total += v[x][y];
        squares += v[x][y] * v[x][y];
        double d = Math.hypot(x - i, y - k);
        if (d <= band) {
          double weight = self || w == Weights.BINARY ? 1 : 1 / d;
          wx += weight * v[x][y];
          ws += weight;
          w2 += weight * weight;
        }
      }
    }
    double mean = total / n;
    double s = Math.sqrt(squares / n - mean * mean);
    return (wx - mean * ws) / (s * Math.sqrt((n * w2 - ws * ws) / (n - 1)));
  }

  @Test
  void aRandomGridEqualsTheBruteForceOracleForEveryWeightingWithAndWithoutTheCellItself() {
    Random random = new Random(7);
    double[][] values = new double[12][9];
    for (double[] column : values) {
      for (int y = 0; y < column.length; y++) {
        column[y] = random.nextInt(4) == 0 ? random.nextInt(20) : 0;
      }
    }
    values[5][4] = 60;
    Dataset<Row> grid = cells(values);
    for (Weights weights : Weights.values()) {
      for (boolean star : new boolean[] {true, false}) {
        Map<String, Double> z = z(GetisOrd.local(grid, 2.5, weights, star));
        assertThat(z).hasSize(12 * 9);
        for (int x = 0; x < 12; x++) {
          for (int y = 0; y < 9; y++) {
            assertThat(z.get(x + "," + y))
                .as(weights + (star ? " Gi*" : " Gi") + " at " + x + "," + y)
                .isCloseTo(oracle(values, x, y, 2.5, weights, star), within(1e-9));
          }
        }
      }
    }
  }

  @Test
  void binsFollowEsrisConfidenceLevels() {
    Dataset<Row> z =
        SharedSpark.session()
            .sql(
                "SELECT * FROM VALUES (3.0, 0.005), (-2.0, 0.04), (1.7, 0.09), (0.5, 0.6),"
                    + " (-3.1, 0.001), (CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE))"
                    + " AS t(gi_z, gi_p)");
    assertThat(bins(GetisOrd.withBins(z, false))).containsExactly(3, -2, 1, 0, -3, 0);
    // BH over the five p-values (0.001, 0.005, 0.04, 0.09, 0.6): at 0.01 the line k 0.002 lets
    // only 0.001 through; at 0.05 (k 0.01) 0.001 and 0.005, not 0.04 > 0.03; at 0.10 (k 0.02)
    // up to 0.04 <= 0.06, not 0.09 > 0.08: so -3.1 stays -3, 3.0 drops to 2, -2.0 to -1, 1.7 to 0.
    assertThat(bins(GetisOrd.withBins(z, true))).containsExactly(2, -1, 0, 0, -3, 0);
  }

  private static List<Integer> bins(Dataset<Row> binned) {
    return binned.select("gi_bin").collectAsList().stream().map(r -> r.getInt(0)).toList();
  }

  /** Worked by hand: k alpha / 7 against the sorted p-values (the largest that passes). */
  @Test
  void theBenjaminiHochbergThresholdIsTheLargestPValueUnderItsRankLine() {
    double[] p = {0.001, 0.008, 0.039, 0.041, 0.042, 0.074, 0.205};
    // alpha 0.05: 0.00714, 0.01429 pass (k = 1, 2); 0.039 > 0.02143 and no later one passes
    assertThat(GetisOrd.benjaminiHochberg(p, 0.05)).isEqualTo(0.008);
    // alpha 0.10: k = 6 passes (0.074 <= 0.0857), k = 7 does not (0.205 > 0.1)
    assertThat(GetisOrd.benjaminiHochberg(p, 0.10)).isEqualTo(0.074);
    assertThat(GetisOrd.benjaminiHochberg(p, 0.001)).isEqualTo(-1);
  }
}
