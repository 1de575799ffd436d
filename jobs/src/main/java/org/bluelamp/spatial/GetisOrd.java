package org.bluelamp.spatial;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.bluelamp.lake.SparkColumns.columns;
import static org.bluelamp.lake.SparkColumns.joinOn;
import static org.bluelamp.lake.SparkColumns.seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Erf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.lake.SparkColumns;
import scala.collection.JavaConverters;
import scala.collection.Seq;

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

  private static final UserDefinedFunction TWO_SIDED_P =
      udf(
              (Double z) -> z == null || z.isNaN() ? null : Erf.erfc(Math.abs(z) / Math.sqrt(2)),
              DataTypes.DoubleType)
          .withName("two_sided_p");

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
   * <p>Each statistic's cells go to one task as a list and are computed there in arrays ({@link
   * #z}): a study area is a force's grid, thousands to a few hundred thousand cells, which one core
   * handles in milliseconds, where spreading the neighbour sums over shuffles cost seconds of
   * stages (bench/README.md).
   */
  public static Dataset<Row> local(
      Dataset<Row> cells, List<String> areas, List<String> layers, Neighbourhood neighbourhood) {
    List<String> groups = new ArrayList<>(areas);
    groups.addAll(layers);
    boolean cube = neighbourhood.timeSteps() > 0;
    List<String> lattice = new ArrayList<>(groups);
    lattice.addAll(List.of("cell_x", "cell_y"));
    if (cube) {
      lattice.add("cell_t");
    }
    UserDefinedFunction statistic =
        udf(
                (UDF1<Seq<Row>, Seq<Row>>)
                    list -> {
                      List<Row> area = JavaConverters.seqAsJavaList(list);
                      int n = area.size();
                      long[] xs = new long[n];
                      long[] ys = new long[n];
                      long[] ts = new long[n];
                      double[] values = new double[n];
                      for (int i = 0; i < n; i++) {
                        Row cell = area.get(i);
                        xs[i] = cell.getLong(0);
                        ys[i] = cell.getLong(1);
                        ts[i] = cell.getLong(2);
                        values[i] = cell.getDouble(3);
                      }
                      Double[] z = z(xs, ys, ts, values, neighbourhood);
                      List<Row> out = new ArrayList<>(n);
                      for (int i = 0; i < n; i++) {
                        out.add(RowFactory.create(xs[i], ys[i], ts[i], z[i]));
                      }
                      return JavaConverters.asScalaBuffer(out).toSeq();
                    },
                DataTypes.createArrayType(CELL_Z))
            .withName("getis_ord_local");
    List<Column> selected = new ArrayList<>();
    groups.forEach(g -> selected.add(col(g)));
    for (String key : List.of("cell_x", "cell_y", "cell_t")) {
      if (cube || !key.equals("cell_t")) {
        selected.add(col("s." + key).as(key));
      }
    }
    selected.add(col("s.gi_z").as("gi_z"));
    Dataset<Row> z =
        cells
            .groupBy(columns(groups))
            .agg(
                statistic
                    .apply(
                        collect_list(
                            struct(
                                col("cell_x").cast("long"),
                                col("cell_y").cast("long"),
                                cube ? col("cell_t").cast("long") : lit(0L),
                                col("value").cast("double"))))
                    .as("_cells"))
            .withColumn("s", explode(col("_cells")))
            .select(selected.toArray(Column[]::new));
    return cells.join(z, seq(lattice)).withColumn("gi_p", TWO_SIDED_P.apply(col("gi_z")));
  }

  private static final StructType CELL_Z =
      new StructType()
          .add("cell_x", DataTypes.LongType)
          .add("cell_y", DataTypes.LongType)
          .add("cell_t", DataTypes.LongType)
          .add("gi_z", DataTypes.DoubleType);

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

  private static final StructType PSEUDO_P =
      new StructType()
          .add("cell_x", DataTypes.LongType)
          .add("cell_y", DataTypes.LongType)
          .add("gi_p_sim", DataTypes.DoubleType);

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
    UserDefinedFunction shuffle =
        udf(
                (UDF2<Seq<Row>, String, Seq<Row>>)
                    (list, group) -> {
                      List<Row> area = new ArrayList<>(JavaConverters.seqAsJavaList(list));
                      area.sort(
                          java.util.Comparator.<Row>comparingLong(r -> r.getLong(0))
                              .thenComparingLong(r -> r.getLong(1)));
                      double[] p =
                          GiPermutation.pseudoP(area, neighbourhood, permutations, seed, group);
                      List<Row> out = new ArrayList<>(area.size());
                      for (int i = 0; i < p.length; i++) {
                        out.add(RowFactory.create(area.get(i).get(0), area.get(i).get(1), p[i]));
                      }
                      return JavaConverters.asScalaBuffer(out).toSeq();
                    },
                DataTypes.createArrayType(PSEUDO_P))
            .withName("gi_permutation_p");
    List<String> keys = new ArrayList<>(groups);
    keys.addAll(List.of("cell_x", "cell_y"));
    Column group = groups.isEmpty() ? lit("") : SparkColumns.joinKey(groups);
    List<Column> selected = new ArrayList<>();
    groups.forEach(g -> selected.add(col(g)));
    selected.add(col("s.cell_x"));
    selected.add(col("s.cell_y"));
    selected.add(col("s.gi_p_sim"));
    Dataset<Row> pseudo =
        local
            .withColumn("_group", group)
            .groupBy(columns(groups))
            .agg(
                shuffle
                    .apply(
                        collect_list(
                            struct(
                                col("cell_x").cast("long"),
                                col("cell_y").cast("long"),
                                col("value").cast("double"))),
                        functions.first("_group"))
                    .as("_shuffled"))
            .withColumn("s", explode(col("_shuffled")))
            .select(selected.toArray(Column[]::new));
    Dataset<Row> joined = local.join(pseudo, seq(keys), "left");
    // Where Gi is undefined (the values do not vary) so is its pseudo p-value.
    return joined.withColumn(
        "gi_p_sim", when(col("gi_z").isNotNull(), col("gi_p_sim")).otherwise(lit(null)));
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
