package org.bluelamp.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;

class TestKernelDensity {
  /** Four corners of a 100 m square and its centre. */
  private static final double[][] POINTS = {{0, 0}, {100, 0}, {0, 100}, {100, 100}, {50, 50}};

  /**
   * Worked by hand: the mean centre is (50, 50); the distances to it are 0 and four times
   * sqrt(5000) = 70.71, so SD = sqrt(4 * 5000 / 5) = sqrt(4000) = 63.25 and Dm = 70.71; sqrt(1/ln
   * 2) * Dm = 84.93 > SD, so h = 0.9 * 63.25 * 5^-0.2 = 41.26 m.
   */
  private static final double H = 0.9 * Math.sqrt(4000) * Math.pow(5, -0.2);

  private static Dataset<Row> points(double cellMetres) {
    List<Row> rows = new ArrayList<>();
    for (double[] p : POINTS) {
      rows.add(RowFactory.create("england", p[0], p[1], cellMetres));
    }
    return SharedSpark.session()
        .createDataFrame(
            rows,
            new StructType()
                .add("force_id", DataTypes.StringType)
                .add("x_m", DataTypes.DoubleType)
                .add("y_m", DataTypes.DoubleType)
                .add("cell_metres", DataTypes.DoubleType));
  }

  /** The published formula summed over every point, per square kilometre. */
  private static double oracle(double x, double y) {
    double density = 0;
    for (double[] p : POINTS) {
      double u = Math.hypot(x - p[0], y - p[1]) / H;
      if (u < 1) {
        density += 3 / Math.PI * Math.pow(1 - u * u, 2);
      }
    }
    return density / (H * H) * 1e6;
  }

  @Test
  void theBandwidthIsEsrisRuleWorkedByHand() {
    assertThat(H).isCloseTo(41.256, within(1e-3));
    assertThat(KernelDensity.bandwidth(5, Math.sqrt(4000), Math.sqrt(5000)))
        .isCloseTo(H, within(1e-9));
    // Dm decides when it is the smaller: sqrt(1/ln 2) * 10 = 12.01 < 100
    assertThat(KernelDensity.bandwidth(32, 100, 10))
        .isCloseTo(0.9 * 10 / Math.sqrt(Math.log(2)) / 2, within(1e-9));
  }

  @Test
  void everyCellWithinTheBandwidthOfAPointHasTheQuarticDensityOfTheFormula() {
    List<Row> surface = KernelDensity.surface(points(10), List.of("force_id")).collectAsList();
    int expected = 0;
    for (int cx = -10; cx <= 20; cx++) {
      for (int cy = -10; cy <= 20; cy++) {
        expected += oracle((cx + 0.5) * 10, (cy + 0.5) * 10) > 0 ? 1 : 0;
      }
    }
    assertThat(surface).hasSize(expected);
    for (Row row : surface) {
      long cx = row.getLong(row.fieldIndex("cell_x"));
      long cy = row.getLong(row.fieldIndex("cell_y"));
      assertThat(row.getDouble(row.fieldIndex("bandwidth_m"))).isCloseTo(H, within(1e-9));
      assertThat(row.getLong(row.fieldIndex("points"))).isEqualTo(5);
      assertThat(row.getDouble(row.fieldIndex("density_km2")))
          .as(cx + "," + cy)
          .isCloseTo(oracle((cx + 0.5) * 10, (cy + 0.5) * 10), within(1e-6));
    }
  }

  /** The kernel integrates to one: on a fine grid the surface sums to the points, within 1%. */
  @Test
  void theSurfaceIntegratesToTheNumberOfPoints() {
    double cell = 2;
    double total =
        KernelDensity.surface(points(cell), List.of("force_id")).collectAsList().stream()
            .mapToDouble(r -> r.getDouble(r.fieldIndex("density_km2")) * cell * cell / 1e6)
            .sum();
    assertThat(total).isCloseTo(5.0, within(0.05));
  }
}
