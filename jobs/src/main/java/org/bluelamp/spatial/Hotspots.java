package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.bluelamp.lake.SparkColumns.columns;
import static org.bluelamp.lake.SparkColumns.seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.BuildCache;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.spatial.GetisOrd.Neighbourhood;
import org.bluelamp.spatial.GetisOrd.Weights;
import scala.collection.Seq;

/**
 * The hot-spot gold tables built in Java, over the located crimes and incidents of silver: on each
 * force's square grid ({@link SquareGrid}) counts per cell, Getis-Ord Gi* per cell and month with
 * the study area's empty cells included, Esri's emerging hot-spot patterns over a weekly space-time
 * cube and the kernel density surface; and the Knox near-repeat test of burglary.
 */
public final class Hotspots {
  /** A study area: the cells of a force for an event type (the same in every period). */
  private static final List<String> AREA = List.of("force_id", "event_type");

  /** Each month of an area is its own statistic (mean and deviation of the month's cells). */
  private static final List<String> MONTH = List.of("period_start");

  /** The groups each monthly Gi* is computed within: every force, event type and month. */
  private static final List<String> MONTHLY = List.of("force_id", "event_type", "period_start");

  /** Cells one time step back in the space-time neighbourhood (Esri's default is 1). */
  private static final int NEIGHBOURHOOD_STEPS = 1;

  /**
   * Conditional permutations behind each monthly cell's pseudo p-value ({@code gi_p_sim}; PySAL's
   * default), and their seed: the same table on every run.
   */
  private static final int PERMUTATIONS = 999;

  private static final long PERMUTATION_SEED = 20260302L;

  private static final StructType PATTERN =
      new StructType()
          .add("pattern", DataTypes.StringType)
          .add("trend_z", DataTypes.DoubleType)
          .add("trend_p", DataTypes.DoubleType)
          .add("hot_steps", DataTypes.IntegerType)
          .add("cold_steps", DataTypes.IntegerType)
          .add("final_bin", DataTypes.IntegerType);

  private static final UserDefinedFunction CLASSIFY =
      udf((UDF1<Seq<Row>, Row>) Hotspots::classify, PATTERN).withName("emerging_hot_spot_pattern");

  private Hotspots() {}

  /**
   * Located events: {@code force_id}, {@code event_type} (crime, incident), {@code category} (the
   * crime's publication category; "all" for incidents), {@code local_date}, {@code x_m}, {@code
   * y_m}.
   */
  private static Dataset<Row> events(Lake lake) {
    return located(lake, "crime", col("crime_category"))
        .unionByName(located(lake, "incident", lit("all")))
        .filter(col("x_m").isNotNull());
  }

  private static Dataset<Row> located(Lake lake, String entity, Column category) {
    return lake.read(TableName.silver(entity))
        .select(
            col("force_id"),
            lit(entity).as("event_type"),
            category.as("category"),
            col("local_date"),
            col("x_m"),
            col("y_m"));
  }

  private static Dataset<Row> grids(Lake lake, Pipelines pipelines) {
    return SquareGrid.grids(lake.spark(), pipelines.forces().values());
  }

  private static Column month(Column date) {
    return date_trunc("month", date).cast("date");
  }

  /**
   * {@code gold.hotspot_grid}: events per cell, month, event type and category (cells with any).
   */
  public static Dataset<Row> gridCounts(Lake lake, Pipelines pipelines, BuildCache cache) {
    Dataset<Row> counts =
        SquareGrid.assign(events(lake), grids(lake, pipelines))
            .withColumn("period_start", month(col("local_date")))
            .groupBy(
                "force_id",
                "event_type",
                "category",
                "period_start",
                "cell_x",
                "cell_y",
                "crs",
                "cell_metres",
                "band_metres")
            .agg(count(lit(1)).as("event_count"));
    return mapped(
        counts,
        List.of(
            col("force_id"),
            col("event_type"),
            col("category"),
            lit("month").as("period"),
            col("period_start"),
            col("band_metres")),
        List.of(col("event_count")));
  }

  /**
   * {@code rows} (with their grid's columns) as a gold table: the {@code leading} columns, the
   * cell, its grid and its centre, then the {@code trailing} columns.
   */
  private static Dataset<Row> mapped(
      Dataset<Row> rows, List<Column> leading, List<Column> trailing) {
    List<Column> columns = new ArrayList<>(leading);
    for (String cell : List.of("cell_metres", "cell_x", "cell_y", "x_m", "y_m", "lon", "lat")) {
      columns.add(col(cell));
    }
    columns.addAll(trailing);
    return SquareGrid.withCentres(rows).select(columns.toArray(Column[]::new));
  }

  /**
   * The study area of each force and event type ({@code force_id}, {@code event_type}, {@code
   * cell_x}, {@code cell_y}): the cells whose centre is in one of the force's wards, and every cell
   * with events in any period ({@code eventCells}: the same columns).
   */
  private static Dataset<Row> studyArea(Lake lake, Dataset<Row> grids, Dataset<Row> eventCells) {
    Dataset<Row> wards = lake.read(Tables.AREA).filter(col("area_type").equalTo("ward"));
    List<String> keys = cellKeys(AREA);
    return SquareGrid.cellsWithin(wards, grids)
        .join(eventCells.select(columns(AREA)).distinct(), "force_id")
        .select(columns(keys))
        .union(eventCells.select(columns(keys)))
        .distinct();
  }

  private static List<String> cellKeys(List<String> groups) {
    List<String> keys = new ArrayList<>(groups);
    keys.addAll(List.of("cell_x", "cell_y"));
    return keys;
  }

  /**
   * {@code cells} with the {@code value} and other measures of {@code counts} on {@code keys}, 0
   * where none.
   */
  private static Dataset<Row> withCounts(
      Dataset<Row> cells, Dataset<Row> counts, List<String> keys) {
    String[] measures =
        java.util.Arrays.stream(counts.columns())
            .filter(c -> !keys.contains(c))
            .toArray(String[]::new);
    return cells.join(counts, seq(keys), "left").na().fill(0.0, measures);
  }

  /**
   * Gi* of {@code cells} with each force's own band: one computation per distinct band in cells
   * (the sample forces all have 3), the forces sharing it together (each remains its own study
   * area).
   */
  private static Dataset<Row> giStarPerGrid(
      Dataset<Row> cells,
      List<String> layers,
      Pipelines pipelines,
      int timeSteps,
      int permutations) {
    Map<Double, List<String>> forcesByBand = new LinkedHashMap<>();
    pipelines
        .forces()
        .values()
        .forEach(
            f ->
                forcesByBand
                    .computeIfAbsent(f.grid().bandCells(), b -> new ArrayList<>())
                    .add(f.id()));
    Dataset<Row> result = null;
    for (Map.Entry<Double, List<String>> grid : forcesByBand.entrySet()) {
      Neighbourhood band = new Neighbourhood(grid.getKey(), Weights.BINARY, true, timeSteps);
      Dataset<Row> part =
          GetisOrd.local(
              cells.filter(col("force_id").isin(grid.getValue().toArray())), AREA, layers, band);
      if (permutations > 0) {
        List<String> groups = new ArrayList<>(AREA);
        groups.addAll(layers);
        part = GetisOrd.withPermutations(part, groups, band, permutations, PERMUTATION_SEED);
      }
      result = result == null ? part : result.unionByName(part);
    }
    return result;
  }

  /**
   * {@code gold.hotspot_gi_star}: Gi* (binary weights within the force's band, the cell itself
   * included) of every cell of the study area per force, event type and month, with Esri's bins
   * uncorrected and with the Benjamini-Hochberg FDR correction.
   */
  public static Dataset<Row> giStar(Lake lake, Pipelines pipelines, BuildCache cache) {
    Dataset<Row> grids = grids(lake, pipelines);
    return mapped(
        monthlyGiStar(
            lake,
            pipelines,
            cache,
            grids,
            cellMonths(events(lake), grids).agg(count(lit(1)).cast("double").as("value"))),
        List.of(
            col("force_id"),
            col("event_type"),
            lit("month").as("period"),
            col("period_start"),
            col("band_metres")),
        withGi(col("value").cast("long").as("event_count")));
  }

  /** {@code measures} then the Gi* columns of {@link #monthlyGiStar}. */
  private static List<Column> withGi(Column... measures) {
    List<Column> columns = new ArrayList<>(List.of(measures));
    for (String gi : List.of("gi_z", "gi_p", "gi_p_sim", "gi_bin", "gi_bin_fdr")) {
      columns.add(col(gi));
    }
    return columns;
  }

  /**
   * {@code gold.hotspot_collision_cells}: the road-safety hot spots. Each collision weighs by its
   * severity ({@link CollisionSeverity}); per force, month and cell of the study area, the
   * collisions by severity and their severity index, with the Gi* of the index as in {@link
   * #giStar}.
   */
  public static Dataset<Row> collisionCells(Lake lake, Pipelines pipelines, BuildCache cache) {
    Dataset<Row> grids = grids(lake, pipelines);
    Dataset<Row> collisions =
        lake.read(Tables.COLLISION)
            .filter(col("x_m").isNotNull())
            .select(
                col("force_id"),
                lit("collision").as("event_type"),
                col("local_date"),
                col("x_m"),
                col("y_m"),
                col("severity_class"));
    List<Column> measures = new ArrayList<>();
    measures.add(sum(CollisionSeverity.weight(col("severity_class"))).as("value"));
    measures.add(count(lit(1)).as("collision_count"));
    for (CollisionSeverity severity : CollisionSeverity.values()) {
      measures.add(
          count(functions.when(col("severity_class").equalTo(severity.code()), 1))
              .as(severity.code() + "_count"));
    }
    Dataset<Row> counts =
        cellMonths(collisions, grids)
            .agg(measures.get(0), measures.subList(1, measures.size()).toArray(Column[]::new));
    List<Column> counted = new ArrayList<>();
    counted.add(col("collision_count").cast("long").as("collision_count"));
    for (CollisionSeverity severity : CollisionSeverity.values()) {
      String name = severity.code() + "_count";
      counted.add(col(name).cast("long").as(name));
    }
    counted.add(col("value").as("severity_index"));
    List<Column> trailing = withGi(counted.toArray(Column[]::new));
    return mapped(
        monthlyGiStar(lake, pipelines, cache, grids, counts),
        List.of(
            col("force_id"), lit("month").as("period"), col("period_start"), col("band_metres")),
        trailing);
  }

  /** {@code events} in their cell and month, grouped by force, event type, month and cell. */
  private static org.apache.spark.sql.RelationalGroupedDataset cellMonths(
      Dataset<Row> events, Dataset<Row> grids) {
    return SquareGrid.assign(events, grids)
        .withColumn("period_start", month(col("local_date")))
        .groupBy("force_id", "event_type", "period_start", "cell_x", "cell_y");
  }

  /**
   * Gi* of the {@code value} of {@code counts} (per force, event type, month and cell; other
   * measures ride along) over every cell of the study area per month, empty cells 0, with the
   * uncorrected and FDR-corrected bins and the force's grid beside.
   */
  private static Dataset<Row> monthlyGiStar(
      Lake lake, Pipelines pipelines, BuildCache cache, Dataset<Row> grids, Dataset<Row> counts) {
    // Read three times: the months, the cells with events and the counts.
    counts = cache.keep(counts);
    Dataset<Row> months = counts.select(columns(MONTHLY)).distinct();
    Dataset<Row> cells =
        cache.keep(
            withCounts(
                studyArea(lake, grids, counts.select(columns(cellKeys(AREA))).distinct())
                    .join(months, seq(AREA)),
                counts,
                cellKeys(MONTHLY)));
    Dataset<Row> local = cache.keep(giStarPerGrid(cells, MONTH, pipelines, 0, PERMUTATIONS));
    Dataset<Row> binned =
        GetisOrd.withBins(
            GetisOrd.withBins(local, MONTHLY, true).withColumnRenamed("gi_bin", "gi_bin_fdr"),
            MONTHLY,
            false);
    return binned.join(broadcast(grids), "force_id");
  }

  /**
   * {@code gold.hotspot_emerging}: per force and event type, a cube of the study area's cells by
   * week (Monday to Sunday, local dates; from the first to the last week with events), space-time
   * Gi* (band of the force, this week and the one before), FDR-corrected bins over the cube, the
   * Mann-Kendall trend of each cell's z-scores, and Esri's pattern. A cube of fewer than {@link
   * EmergingHotSpots#MIN_STEPS} weeks gives no rows.
   */
  public static Dataset<Row> emerging(Lake lake, Pipelines pipelines, BuildCache cache) {
    Dataset<Row> grids = grids(lake, pipelines);
    // Read for the cube's span and for its counts.
    Dataset<Row> weekly =
        cache.keep(
            SquareGrid.assign(events(lake), grids)
                .withColumn("week_start", date_trunc("week", col("local_date")).cast("date")));
    Dataset<Row> span =
        weekly
            .groupBy(columns(AREA))
            .agg(min("week_start").as("first_week"), max("week_start").as("last_week"))
            .filter(
                datediff(col("last_week"), col("first_week"))
                    .geq((EmergingHotSpots.MIN_STEPS - 1) * 7));
    Column step = datediff(col("week_start"), col("first_week")).divide(7).cast("long");
    List<String> bin = List.of("force_id", "event_type", "cell_x", "cell_y", "cell_t");
    Dataset<Row> counts =
        weekly
            .join(span, seq(AREA))
            .withColumn("cell_t", step)
            .groupBy(columns(bin))
            .agg(count(lit(1)).cast("double").as("value"));
    Dataset<Row> steps =
        span.withColumn("week_start", col("last_week"))
            .withColumn("cell_t", explode(sequence(lit(0L), step)))
            .select("force_id", "event_type", "cell_t");
    List<String> cell = cellKeys(AREA);
    Dataset<Row> areaCells = studyArea(lake, grids, counts.select(columns(cell)).distinct());
    Dataset<Row> cube = cache.keep(withCounts(areaCells.join(steps, seq(AREA)), counts, bin));
    Dataset<Row> binned =
        GetisOrd.withBins(
            cache.keep(giStarPerGrid(cube, List.of(), pipelines, NEIGHBOURHOOD_STEPS, 0)),
            AREA,
            true);
    Dataset<Row> patterns =
        binned
            .groupBy(columns(cell))
            .agg(
                CLASSIFY
                    .apply(collect_list(struct(col("cell_t"), col("gi_z"), col("gi_bin"))))
                    .as("p"),
                count(lit(1)).cast("int").as("steps"),
                sum("value").cast("long").as("event_count"));
    return mapped(
        patterns.join(span, seq(AREA)).join(broadcast(grids), "force_id"),
        List.of(
            col("force_id"),
            col("event_type"),
            lit("week").as("time_step"),
            col("first_week"),
            col("last_week"),
            col("steps"),
            col("band_metres")),
        List.of(
            col("event_count"),
            col("p.hot_steps"),
            col("p.cold_steps"),
            col("p.final_bin"),
            col("p.trend_z"),
            col("p.trend_p"),
            col("p.pattern")));
  }

  /**
   * {@code gold.hotspot_kde}: the quartic kernel density surface ({@link KernelDensity}) of each
   * force's located events per event type and month, on the force's grid, for heat-map images.
   */
  public static Dataset<Row> kernelDensity(Lake lake, Pipelines pipelines, BuildCache cache) {
    Dataset<Row> grids = grids(lake, pipelines);
    Dataset<Row> points =
        cache.keep(
            SquareGrid.assign(events(lake), grids)
                .withColumn("period_start", month(col("local_date")))
                .select("force_id", "event_type", "period_start", "x_m", "y_m", "cell_metres"));
    return mapped(
        KernelDensity.surface(points, MONTHLY).join(broadcast(grids), "force_id"),
        List.of(
            col("force_id"),
            col("event_type"),
            lit("month").as("period"),
            col("period_start"),
            round(col("bandwidth_m"), 3).as("bandwidth_m"),
            col("points").as("events")),
        // Rounded (to a mm and a thousandth of an event per km2) so that the table does not depend
        // on the order Spark sums in: a cluster and one machine give the same rows.
        List.of(round(col("density_km2"), 3).as("density_km2")));
  }

  /** Near-repeat bands: 100 m steps to 500 m, one-week steps to four weeks (Ratcliffe's). */
  private static final Knox.Bands NEAR_REPEAT =
      new Knox.Bands(new double[] {100, 200, 300, 400, 500}, new int[] {7, 14, 21, 28});

  private static final int KNOX_SIMULATIONS = 999;
  private static final long KNOX_SEED = 20260302L;

  private static final StructType KNOX =
      new StructType()
          .add("force_id", DataTypes.StringType)
          .add("burglaries", DataTypes.LongType)
          .add("space_from_m", DataTypes.DoubleType)
          .add("space_to_m", DataTypes.DoubleType)
          .add("days_from", DataTypes.IntegerType)
          .add("days_to", DataTypes.IntegerType)
          .add("observed_pairs", DataTypes.LongType)
          .add("expected_pairs", DataTypes.DoubleType)
          .add("knox_ratio", DataTypes.DoubleType)
          .add("p_value", DataTypes.DoubleType)
          .add("simulations", DataTypes.IntegerType);

  /**
   * {@code gold.hotspot_near_repeat}: the Knox test ({@link Knox}) of each force's located
   * burglaries (the day they were committed, else reported), in bands of 100 m to 500 m and of a
   * week to four weeks, with 999 seeded simulations. A force's burglaries are collected to the
   * driver: they are thousands a year, not millions.
   */
  public static Dataset<Row> nearRepeat(Lake lake, Pipelines pipelines, BuildCache cache) {
    Map<String, List<Row>> byForce = new TreeMap<>();
    for (Row row :
        lake.read(Tables.CRIME)
            .filter(col("crime_category").equalTo("burglary").and(col("x_m").isNotNull()))
            .select(
                col("force_id"),
                col("x_m"),
                col("y_m"),
                datediff(
                        coalesce(col("committed_from_local").cast("date"), col("local_date")),
                        lit("1970-01-01"))
                    .as("day"))
            .collectAsList()) {
      byForce.computeIfAbsent(row.getString(0), f -> new ArrayList<>()).add(row);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Row>> force : byForce.entrySet()) {
      List<Row> events = force.getValue();
      double[] x = events.stream().mapToDouble(r -> r.getDouble(1)).toArray();
      double[] y = events.stream().mapToDouble(r -> r.getDouble(2)).toArray();
      int[] day = events.stream().mapToInt(r -> r.getInt(3)).toArray();
      for (Knox.Cell cell : Knox.test(x, y, day, NEAR_REPEAT, KNOX_SIMULATIONS, KNOX_SEED)) {
        double[] metres = NEAR_REPEAT.metres();
        int[] days = NEAR_REPEAT.days();
        rows.add(
            RowFactory.create(
                force.getKey(),
                (long) events.size(),
                cell.space() == 0 ? 0.0 : metres[cell.space() - 1],
                metres[cell.space()],
                cell.time() == 0 ? 0 : days[cell.time() - 1] + 1,
                days[cell.time()],
                cell.observed(),
                cell.expected(),
                Double.isNaN(cell.knoxRatio()) ? null : cell.knoxRatio(),
                cell.p(),
                KNOX_SIMULATIONS));
      }
    }
    return lake.spark().createDataFrame(rows, KNOX);
  }

  /** The pattern of a cell from its steps' (step, z, bin), in any order. */
  private static Row classify(Seq<Row> steps) {
    List<Row> ordered = new ArrayList<>(scala.collection.JavaConverters.seqAsJavaList(steps));
    ordered.sort((a, b) -> Long.compare(a.getLong(0), b.getLong(0)));
    int[] bins = new int[ordered.size()];
    double[] z = new double[ordered.size()];
    for (int i = 0; i < bins.length; i++) {
      Row step = ordered.get(i);
      z[i] = step.isNullAt(1) ? 0 : step.getDouble(1);
      bins[i] = step.getInt(2);
    }
    MannKendall.Result trend = MannKendall.test(z);
    int hot = 0;
    int cold = 0;
    for (int b : bins) {
      hot += b > 0 ? 1 : 0;
      cold += b < 0 ? 1 : 0;
    }
    return RowFactory.create(
        EmergingHotSpots.classify(bins, trend.z(), trend.p()).label(),
        trend.z(),
        trend.p(),
        hot,
        cold,
        bins[bins.length - 1]);
  }
}
