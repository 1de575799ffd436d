package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Getis-Ord local statistics Gi* and Gi (Getis and Ord 1992; Ord and Getis 1995) of the cells
 * of a square grid, with distance-band weights: binary, or inverse distance. The statistic is the
 * one Esri's Hot Spot Analysis and PySAL's esda.G_Local report:
 *
 * <pre>
 *   Gi* = (sum_j w_ij x_j - mean * W_i) / (S * sqrt((n * sum_j w_ij^2 - W_i^2) / (n - 1)))
 * </pre>
 *
 * where {@code W_i = sum_j w_ij}, {@code mean} and {@code S} (population standard deviation) are
 * over all {@code n} cells of the study area, zero cells included, and {@code j} runs over every
 * cell within the band of {@code i}, itself included (with weight 1). Gi leaves {@code i} out of
 * the sums and of the mean and deviation, over {@code n - 1} cells. The p-value is two-sided under
 * the normal approximation.
 *
 * <p>Why not Sedona's {@code GetisOrd.gLocal}: it takes every row's neighbours as a list made by a
 * distance self-join of geometries. On a grid the neighbours of a cell are the same offsets for
 * every cell, so here each cell sends its value to the cells at those offsets and one aggregation
 * gives every cell's sums: no spatial join, no lists, linear in cells times offsets.
 */
public final class GetisOrd {
  /** How a neighbour within the band weighs. */
  public enum Weights {
    /** 1 within the band. */
    BINARY,
    /** 1 / distance (in cell sizes) within the band; a cell's own weight is 1. */
    INVERSE_DISTANCE
  }

  private static final StructType OFFSET =
      new StructType()
          .add("dx", DataTypes.LongType)
          .add("dy", DataTypes.LongType)
          .add("w", DataTypes.DoubleType);

  private static final UserDefinedFunction TWO_SIDED_P =
      udf(
              (Double z) -> z == null || z.isNaN() ? null : Erf.erfc(Math.abs(z) / Math.sqrt(2)),
              DataTypes.DoubleType)
          .withName("two_sided_p");

  private GetisOrd() {}

  /**
   * The neighbour offsets (in cells) within {@code bandCells} cell sizes of a cell, centre to
   * centre, with their weights; the cell itself (offset 0, 0) only when {@code star}.
   */
  public static List<Row> offsets(double bandCells, Weights weights, boolean star) {
    List<Row> offsets = new ArrayList<>();
    long reach = (long) Math.floor(bandCells);
    for (long dx = -reach; dx <= reach; dx++) {
      for (long dy = -reach; dy <= reach; dy++) {
        double distance = Math.sqrt((double) dx * dx + (double) dy * dy);
        if (distance > bandCells + 1e-9 || (distance == 0 && !star)) {
          continue;
        }
        double w = distance == 0 || weights == Weights.BINARY ? 1.0 : 1.0 / distance;
        offsets.add(RowFactory.create(dx, dy, w));
      }
    }
    return offsets;
  }

  /**
   * Gi* (when {@code star}) or Gi of every cell of {@code cells} ({@code cell_x}, {@code cell_y}:
   * the cell's column and row; {@code value}: its count, 0 for an empty cell of the study area).
   * Adds {@code gi_z} and {@code gi_p}; a cell whose statistic is undefined (no variation) has
   * NULL.
   */
  public static Dataset<Row> local(
      Dataset<Row> cells, double bandCells, Weights weights, boolean star) {
    Row totals =
        cells
            .agg(count(lit(1)), sum(col("value")), sum(col("value").multiply(col("value"))))
            .first();
    double n = totals.getLong(0);
    double total = totals.isNullAt(1) ? 0 : totals.getDouble(1);
    double totalSquares = totals.isNullAt(2) ? 0 : totals.getDouble(2);
    Dataset<Row> offsets =
        cells.sparkSession().createDataFrame(offsets(bandCells, weights, star), OFFSET);
    // Each cell j sends w * x_j, w and w^2 to the cell i = j - offset; the sums of what arrives at
    // a cell of the study area are its sum_j w_ij x_j, W_i and sum_j w_ij^2 (a cell outside the
    // area is dropped by the join: the edges have fewer neighbours).
    Dataset<Row> sums =
        cells
            .select(col("cell_x"), col("cell_y"), col("value"))
            .crossJoin(broadcast(offsets))
            .select(
                col("cell_x").minus(col("dx")).as("cell_x"),
                col("cell_y").minus(col("dy")).as("cell_y"),
                col("w").multiply(col("value")).as("wx"),
                col("w"),
                col("w").multiply(col("w")).as("w2"))
            .groupBy("cell_x", "cell_y")
            .agg(sum("wx").as("wx"), sum("w").as("w"), sum("w2").as("w2"));
    Dataset<Row> joined =
        cells
            .join(sums, new String[] {"cell_x", "cell_y"}, "left")
            .na()
            .fill(0.0, new String[] {"wx", "w", "w2"});
    Column m = star ? lit(n) : lit(n - 1);
    Column mean = star ? lit(total / n) : lit(total).minus(col("value")).divide(m);
    Column meanOfSquares =
        star
            ? lit(totalSquares / n)
            : lit(totalSquares).minus(col("value").multiply(col("value"))).divide(m);
    Column s = sqrt(meanOfSquares.minus(mean.multiply(mean)));
    Column numerator = col("wx").minus(mean.multiply(col("w")));
    Column denominator =
        s.multiply(
            sqrt(m.multiply(col("w2")).minus(col("w").multiply(col("w"))).divide(m.minus(1))));
    Column z =
        when(denominator.isNull().or(abs(denominator).leq(1e-12)), lit(null).cast("double"))
            .otherwise(numerator.divide(denominator));
    return joined
        .withColumn("gi_z", z)
        .withColumn("gi_p", TWO_SIDED_P.apply(col("gi_z")))
        .drop("wx", "w", "w2");
  }

  /** Esri's confidence levels, highest first: the bins +-3, +-2, +-1. */
  private static final double[] LEVELS = {0.01, 0.05, 0.10};

  /**
   * Adds {@code gi_bin}, Esri's confidence bin: +-3 at 99%, +-2 at 95%, +-1 at 90% (hot positive,
   * cold negative), 0 otherwise. With {@code fdr}, each level's p-value threshold is the
   * Benjamini-Hochberg one over all cells, which keeps the expected share of false hot and cold
   * spots among those found within the level (Esri's "Apply False Discovery Rate correction"); it
   * reads {@code local}'s p-values once before the bins are computed, so persist {@code local}
   * first when it is expensive.
   */
  public static Dataset<Row> withBins(Dataset<Row> local, boolean fdr) {
    double[] thresholds = LEVELS.clone();
    if (fdr) {
      double[] p =
          local.filter(col("gi_p").isNotNull()).select("gi_p").collectAsList().stream()
              .mapToDouble(r -> r.getDouble(0))
              .sorted()
              .toArray();
      for (int i = 0; i < LEVELS.length; i++) {
        thresholds[i] = benjaminiHochberg(p, LEVELS[i]);
      }
    }
    return local.withColumn("gi_bin", confidenceBin(col("gi_z"), col("gi_p"), thresholds));
  }

  /**
   * The Benjamini-Hochberg threshold at false discovery rate {@code alpha}: the largest {@code
   * p(k)} with {@code p(k) <= k alpha / n} over the ascending p-values; -1 when there is none
   * (nothing is significant).
   */
  public static double benjaminiHochberg(double[] ascending, double alpha) {
    double threshold = -1;
    for (int k = 1; k <= ascending.length; k++) {
      if (ascending[k - 1] <= k * alpha / ascending.length) {
        threshold = ascending[k - 1];
      }
    }
    return threshold;
  }

  /** The bin for p-value thresholds of 99%, 95% and 90% confidence. */
  static Column confidenceBin(Column z, Column p, double[] thresholds) {
    Column level =
        when(p.leq(thresholds[0]), lit(3))
            .when(p.leq(thresholds[1]), lit(2))
            .when(p.leq(thresholds[2]), lit(1))
            .otherwise(0);
    return coalesce(when(z.lt(0), level.multiply(-1)).otherwise(level), lit(0));
  }
}
