package org.bluelamp.spatial;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.bluelamp.lake.SparkColumns.joinOn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Erf;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.lake.SparkColumns;

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
 * every cell, so here each statistic's cells are indexed by column and row and each cell's sums are
 * read at those offsets: no spatial join, no neighbour lists, linear in cells times offsets. The
 * same code computes space-time Gi* over a cube of cells by time step (Esri's emerging hot-spot
 * analysis): a neighbour is also the same cells in the steps before.
 */
public final class GetisOrd {
  /** How a neighbour within the band weighs. */
  public enum Weights {
    /** 1 within the band. */
    BINARY,
    /** 1 / distance (in cell sizes) within the band; a cell's own weight is 1. */
    INVERSE_DISTANCE
  }

  /**
   * Which cells are a cell's neighbours and how they weigh: those within {@code bandCells} cell
   * sizes (centre to centre), the cell itself included for Gi* ({@code star}); in a space-time cube
   * ({@code timeSteps} > 0) also the same cells in each of the {@code timeSteps} time steps before,
   * with the same weights (Esri's neighbourhood time step).
   */
  public record Neighbourhood(double bandCells, Weights weights, boolean star, int timeSteps)
      implements java.io.Serializable {
    public Neighbourhood {
      requireNonNull(weights, "weights");
      if (!(bandCells >= 1) || timeSteps < 0) {
        throw new IllegalArgumentException(
            "a neighbourhood needs a band of at least one cell and timeSteps >= 0, not "
                + bandCells
                + " and "
                + timeSteps);
      }
    }

    /** Gi* on a plain grid. */
    public static Neighbourhood star(double bandCells, Weights weights) {
      return new Neighbourhood(bandCells, weights, true, 0);
    }

    /**
     * The offsets (in cells and time steps, backwards) of the neighbours with their weights; the
     * cell itself (0, 0, 0) only for Gi*.
     */
    List<Row> offsets() {
      List<Row> offsets = new ArrayList<>();
      long reach = (long) Math.floor(bandCells);
      for (long dx = -reach; dx <= reach; dx++) {
        for (long dy = -reach; dy <= reach; dy++) {
          double distance = Math.sqrt((double) dx * dx + (double) dy * dy);
          if (distance > bandCells + 1e-9) {
            continue;
          }
          double w = distance == 0 || weights == Weights.BINARY ? 1.0 : 1.0 / distance;
          for (long dt = 0; dt <= timeSteps; dt++) {
            if (distance > 0 || dt > 0 || star) {
              offsets.add(RowFactory.create(dx, dy, dt, w));
            }
          }
        }
      }
      return offsets;
    }
  }

  /** The column {@link #perStatistic} names each row's statistic in, on the way. */
  private static final String GROUP = "_statistic";

  private GetisOrd() {}

  /**
   * Gi* (for a {@code star} neighbourhood) or Gi of every cell of {@code cells}: {@code cell_x},
   * {@code cell_y} (the cell's column and row), {@code cell_t} (its time step, only in a space-time
   * cube), {@code value} (its count, 0 for an empty cell of the study area), the {@code areas}
   * columns (each combination is a study area: a force, say) and the {@code layers} columns (each
   * combination within an area is its own statistic, with its own mean and deviation: a month,
   * say). Every layer of an area must hold the same cells; in a cube a cell's neighbours are the
   * cells within the band at its step and the {@code timeSteps} steps before, those the cube holds.
   * Adds {@code gi_z} and {@code gi_p}; a cell whose statistic is undefined (no variation) has
   * NULL.
   *
   * <p>Each statistic's cells go to one task and are computed there in arrays ({@link #z}): a study
   * area is a force's grid, thousands to a few hundred thousand cells, which one core handles in
   * milliseconds, where spreading the neighbour sums over shuffles cost seconds of stages
   * (bench/README.md).
   */
  public static Dataset<Row> local(
      Dataset<Row> cells, List<String> areas, List<String> layers, Neighbourhood neighbourhood) {
    List<String> groups = new ArrayList<>(areas);
    groups.addAll(layers);
    boolean cube = neighbourhood.timeSteps() > 0;
    StructType added =
        new StructType().add("gi_z", DataTypes.DoubleType).add("gi_p", DataTypes.DoubleType);
    return perStatistic(
        cells,
        groups,
        added,
        (group, statistic) -> {
          Double[] z =
              z(
                  statistic.column("cell_x"),
                  statistic.column("cell_y"),
                  cube ? statistic.column("cell_t") : new long[statistic.size()],
                  statistic.values(),
                  neighbourhood);
          Object[][] out = new Object[z.length][];
          for (int i = 0; i < z.length; i++) {
            out[i] = new Object[] {z[i], z[i] == null ? null : twoSidedP(z[i])};
          }
          return out;
        });
  }

  /** The two-sided p-value of {@code z} under the normal approximation. */
  private static double twoSidedP(double z) {
    return Erf.erfc(Math.abs(z) / Math.sqrt(2));
  }

  /**
   * The cells of one statistic in one task: their rows as read (in any order) and their columns as
   * arrays.
   */
  private record Statistic(List<Row> rows, StructType schema) {
    int size() {
      return rows.size();
    }

    long[] column(String name) {
      int index = schema.fieldIndex(name);
      long[] column = new long[rows.size()];
      for (int i = 0; i < column.length; i++) {
        column[i] = ((Number) rows.get(i).get(index)).longValue();
      }
      return column;
    }

    double[] values() {
      int index = schema.fieldIndex("value");
      double[] values = new double[rows.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = ((Number) rows.get(i).get(index)).doubleValue();
      }
      return values;
    }
  }

  /**
   * What {@link #perStatistic} computes: for each cell, in order, the values of the added columns.
   */
  @FunctionalInterface
  private interface StatisticFunction extends java.io.Serializable {
    Object[][] apply(String group, Statistic statistic);
  }

  /**
   * {@code cells} with the {@code added} columns that {@code function} computes over each
   * statistic's cells together (each combination of the {@code groups} columns is one, named to the
   * function by those values joined, {@link SparkColumns#joinKey}). One shuffle brings a
   * statistic's rows to one task, which gives them back with their new columns: no lists to explode
   * and no join back.
   */
  private static Dataset<Row> perStatistic(
      Dataset<Row> cells, List<String> groups, StructType added, StatisticFunction function) {
    StructType schema = cells.schema();
    StructType result = schema;
    for (var field : added.fields()) {
      result = result.add(field);
    }
    int width = schema.size();
    Dataset<Row> keyed =
        cells.withColumn(GROUP, groups.isEmpty() ? lit("") : SparkColumns.joinKey(groups));
    return keyed
        .groupByKey((MapFunction<Row, String>) row -> row.getString(width), Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>)
                (group, rows) -> {
                  List<Row> statistic = new ArrayList<>();
                  rows.forEachRemaining(statistic::add);
                  Object[][] values = function.apply(group, new Statistic(statistic, schema));
                  List<Row> out = new ArrayList<>(statistic.size());
                  for (int i = 0; i < statistic.size(); i++) {
                    Object[] row = new Object[width + values[i].length];
                    for (int c = 0; c < width; c++) {
                      row[c] = statistic.get(i).get(c);
                    }
                    System.arraycopy(values[i], 0, row, width, values[i].length);
                    out.add(RowFactory.create(row));
                  }
                  return out.iterator();
                },
            Encoders.row(result));
  }

  /**
   * The z-scores of one statistic's cells (column, row, step and value, in any order), null where
   * undefined: the formula of the class comment, each neighbour summed where the area holds it.
   */
  static Double[] z(long[] xs, long[] ys, long[] ts, double[] values, Neighbourhood neighbourhood) {
    int n = values.length;
    CellIndex index = new CellIndex(xs, ys, ts);
    List<Row> offsets = neighbourhood.offsets();
    boolean star = neighbourhood.star();
    double total = 0;
    double squares = 0;
    for (double value : values) {
      total += value;
      squares += value * value;
    }
    Double[] z = new Double[n];
    for (int i = 0; i < n; i++) {
      double wx = 0;
      double w = 0;
      double w2 = 0;
      for (Row offset : offsets) {
        int j =
            index.find(
                xs[i] + offset.getLong(0), ys[i] + offset.getLong(1), ts[i] - offset.getLong(2));
        if (j >= 0) {
          double weight = offset.getDouble(3);
          wx += weight * values[j];
          w += weight;
          w2 += weight * weight;
        }
      }
      double m = star ? n : n - 1;
      double mean = (star ? total : total - values[i]) / m;
      double meanOfSquares = (star ? squares : squares - values[i] * values[i]) / m;
      double s = Math.sqrt(meanOfSquares - mean * mean);
      double denominator = s * Math.sqrt((m * w2 - w * w) / (m - 1));
      z[i] =
          Double.isNaN(denominator) || Math.abs(denominator) <= 1e-12
              ? null
              : (wx - mean * w) / denominator;
    }
    return z;
  }

  /**
   * Adds {@code gi_p_sim}: the pseudo p-value of each cell's Gi or Gi* by conditional randomisation
   * ({@link GiPermutation}), {@code permutations} shuffles seeded by {@code seed}, the same on
   * every run. {@code local} is what {@link #local} gave on a plain grid (no cube); each
   * combination of the {@code groups} columns (areas and layers) is one statistic, shuffled within
   * itself on one executor. Where {@code gi_z} is undefined so is {@code gi_p_sim}.
   */
  public static Dataset<Row> withPermutations(
      Dataset<Row> local,
      List<String> groups,
      Neighbourhood neighbourhood,
      int permutations,
      long seed) {
    if (neighbourhood.timeSteps() > 0 || permutations < 1) {
      throw new IllegalArgumentException(
          "permutation inference is for a plain grid with at least one permutation");
    }
    return perStatistic(
        local,
        groups,
        new StructType().add("gi_p_sim", DataTypes.DoubleType),
        (group, statistic) -> {
          long[] xs = statistic.column("cell_x");
          long[] ys = statistic.column("cell_y");
          double[] values = statistic.values();
          // The shuffles draw from the cells in this order.
          Integer[] order = new Integer[xs.length];
          for (int i = 0; i < order.length; i++) {
            order[i] = i;
          }
          Arrays.sort(
              order,
              java.util.Comparator.<Integer>comparingLong(i -> xs[i])
                  .thenComparingLong(i -> ys[i]));
          List<Row> sorted = new ArrayList<>(order.length);
          for (int i : order) {
            sorted.add(RowFactory.create(xs[i], ys[i], values[i]));
          }
          double[] p = GiPermutation.pseudoP(sorted, neighbourhood, permutations, seed, group);
          int zIndex = statistic.schema().fieldIndex("gi_z");
          Object[][] out = new Object[order.length][];
          for (int k = 0; k < order.length; k++) {
            // Where Gi is undefined (the values do not vary) so is its pseudo p-value.
            boolean defined = !statistic.rows().get(order[k]).isNullAt(zIndex);
            out[order[k]] = new Object[] {defined ? p[k] : null};
          }
          return out;
        });
  }

  /** Esri's confidence levels, highest first: the bins +-3, +-2, +-1. */
  private static final double[] LEVELS = {0.01, 0.05, 0.10};

  /**
   * Adds {@code gi_bin}, Esri's confidence bin: +-3 at 99%, +-2 at 95%, +-1 at 90% (hot positive,
   * cold negative), 0 otherwise. With {@code fdr}, each level's p-value threshold is, per group,
   * the Benjamini-Hochberg one: the largest {@code p(k)} with {@code p(k) <= k alpha / m} over the
   * group's {@code m} ascending p-values (none: nothing is significant). That keeps the expected
   * share of false hot and cold spots among those found within the level (Esri's "Apply False
   * Discovery Rate correction"). The ranks come from a window sorted by p within each group.
   */
  public static Dataset<Row> withBins(Dataset<Row> local, List<String> groups, boolean fdr) {
    if (!fdr) {
      return local.withColumn(
          "gi_bin",
          confidenceBin(col("gi_z"), col("gi_p"), Arrays.stream(LEVELS).mapToObj(l -> lit(l))));
    }
    Column[] partition = groups.stream().map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> ranked =
        local
            .filter(col("gi_p").isNotNull())
            .select(
                Stream.concat(
                        groups.stream().map(c -> col(c)),
                        Stream.of(
                            col("gi_p"),
                            row_number()
                                .over(Window.partitionBy(partition).orderBy(col("gi_p")))
                                .as("_k"),
                            count(lit(1)).over(Window.partitionBy(partition)).as("_m")))
                    .toArray(Column[]::new));
    List<Column> thresholds = new ArrayList<>();
    for (int i = 0; i < LEVELS.length; i++) {
      Column line = col("_k").multiply(LEVELS[i]).divide(col("_m"));
      thresholds.add(max(when(col("gi_p").leq(line), col("gi_p"))).as("_threshold" + i));
    }
    Dataset<Row> perGroup =
        groups.isEmpty()
            ? ranked.agg(thresholds.get(0), thresholds.get(1), thresholds.get(2))
            : ranked
                .groupBy(partition)
                .agg(thresholds.get(0), thresholds.get(1), thresholds.get(2));
    Dataset<Row> joined = joinOn(local, broadcast(perGroup), groups, "left");
    return joined
        .withColumn(
            "gi_bin",
            confidenceBin(
                col("gi_z"),
                col("gi_p"),
                IntStream.range(0, LEVELS.length)
                    .mapToObj(i -> coalesce(col("_threshold" + i), lit(-1.0)))))
        .drop("_threshold0", "_threshold1", "_threshold2");
  }

  /** The bin for p-value thresholds of 99%, 95% and 90% confidence. */
  private static Column confidenceBin(Column z, Column p, Stream<Column> levels) {
    List<Column> thresholds = levels.toList();
    Column level =
        when(p.leq(thresholds.get(0)), lit(3))
            .when(p.leq(thresholds.get(1)), lit(2))
            .when(p.leq(thresholds.get(2)), lit(1))
            .otherwise(0);
    return coalesce(when(z.lt(0), level.multiply(-1)).otherwise(level), lit(0));
  }
}
