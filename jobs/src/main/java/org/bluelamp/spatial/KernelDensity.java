package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.lake.SparkColumns;

/**
 * A kernel density surface of points on each force's square grid, as Esri's Kernel Density tool
 * computes it: the quartic kernel of Silverman (1986, eq. 4.5), density at a cell centre {@code (1
 * / h^2) * sum over points within h of 3/pi * (1 - (d/h)^2)^2} (per square metre; the table gives
 * it per square kilometre), and the bandwidth {@code h} by Esri's default rule, a spatial variant
 * of Silverman's rule of thumb: {@code h = 0.9 * min(SD, sqrt(1 / ln 2) * Dm) * n^-0.2}, with
 * {@code SD} the standard distance of the points, {@code Dm} their median distance to the mean
 * centre (approximate, within 0.01% of the distances' range) and {@code n} their number.
 */
public final class KernelDensity {
  private KernelDensity() {}

  /** Esri's default search radius for {@code n} points of standard and median distance. */
  public static double bandwidth(long n, double standardDistance, double medianDistance) {
    return 0.9
        * Math.min(standardDistance, Math.sqrt(1 / Math.log(2)) * medianDistance)
        * Math.pow(n, -0.2);
  }

  private static Column bandwidth(Column n, Column standardDistance, Column medianDistance) {
    return lit(0.9)
        .multiply(least(standardDistance, medianDistance.multiply(Math.sqrt(1 / Math.log(2)))))
        .multiply(pow(n, -0.2));
  }

  /**
   * The density per square kilometre at the centre of every cell within the bandwidth of a point,
   * per group: {@code points} has the {@code groups} columns, {@code x_m}, {@code y_m} and {@code
   * cell_metres} (its force's grid). Adds {@code cell_x}, {@code cell_y}, {@code bandwidth_m},
   * {@code points} (the group's) and {@code density_km2}; a group of fewer than two distinct places
   * has no bandwidth and no surface.
   */
  public static Dataset<Row> surface(Dataset<Row> points, List<String> groups) {
    Column[] keys = SparkColumns.columns(groups);
    Dataset<Row> centres =
        points.groupBy(keys).agg(avg("x_m").as("_mean_x"), avg("y_m").as("_mean_y"));
    Column distance =
        sqrt(
            pow(col("x_m").minus(col("_mean_x")), 2)
                .plus(pow(col("y_m").minus(col("_mean_y")), 2)));
    Dataset<Row> spread =
        SparkColumns.joinOn(points, centres, groups, "inner")
            .withColumn("_distance", distance)
            .groupBy(keys)
            .agg(
                count(lit(1)).as("points"),
                sqrt(avg(pow(col("_distance"), 2))).as("_sd"),
                expr("percentile_approx(_distance, 0.5, 10000)").as("_dm"))
            .withColumn("bandwidth_m", bandwidth(col("points"), col("_sd"), col("_dm")))
            .filter(col("bandwidth_m").gt(0))
            .drop("_sd", "_dm");
    Column h = col("bandwidth_m");
    Column c = col("cell_metres");
    Dataset<Row> reached =
        SparkColumns.joinOn(points, spread, groups, "inner")
            .withColumn(
                "cell_x",
                explode(
                    sequence(
                        floor(col("x_m").minus(h).divide(c)), floor(col("x_m").plus(h).divide(c)))))
            .withColumn(
                "cell_y",
                explode(
                    sequence(
                        floor(col("y_m").minus(h).divide(c)), floor(col("y_m").plus(h).divide(c)))))
            .withColumn(
                "_u2",
                pow(col("cell_x").plus(0.5).multiply(c).minus(col("x_m")), 2)
                    .plus(pow(col("cell_y").plus(0.5).multiply(c).minus(col("y_m")), 2))
                    .divide(h.multiply(h)))
            .filter(col("_u2").lt(1));
    List<Column> cell = new ArrayList<>(List.of(keys));
    cell.addAll(List.of(col("cell_x"), col("cell_y"), col("bandwidth_m"), col("points")));
    return reached
        .groupBy(cell.toArray(Column[]::new))
        .agg(
            sum(pow(lit(1).minus(col("_u2")), 2))
                .multiply(3 / Math.PI * 1e6)
                .divide(h.multiply(h))
                .as("density_km2"));
  }
}
