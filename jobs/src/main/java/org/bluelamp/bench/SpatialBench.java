package org.bluelamp.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.bluelamp.lake.SparkColumns.seq;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.lake.Sessions;
import org.bluelamp.spatial.AreaIndex;
import org.bluelamp.spatial.GetisOrd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The Spark + Sedona side of the spatial benchmark (bench/spatial/run.sh), on the data of
 * bench/spatial/generate.py: one task per JVM, printing one JSON line (seconds from reading the
 * Parquet files to the collected answer on a ready session; the session's start-up, its context and
 * its SQL state, is timed apart).
 *
 * <ul>
 *   <li>{@code join}: every point to the polygons containing it and a count per polygon, with the
 *       index {@link org.bluelamp.spatial.AreaJoin} uses for boundary sets up to 20,000 polygons
 *       ({@link AreaIndex}: the polygons broadcast and indexed, each point looked up in place);
 *   <li>{@code grid_gi_star}: counts per 250 m cell of the 30 km square (every cell, empty ones 0)
 *       and Gi* within 750 m, binary weights, the cell included ({@link GetisOrd#local}).
 * </ul>
 *
 * <pre>./bluelamp bench-spatial join /tmp/bluelamp-bench/10M</pre>
 */
@Command(
    name = "bench-spatial",
    hidden = true,
    description = "The Sedona side of bench/spatial/run.sh: join or grid_gi_star on DIR.")
public final class SpatialBench implements Callable<Integer> {
  /** The bench's one "force": {@link AreaIndex} keys its polygons by force. */
  private static final String FORCE = "bench";

  private static final double X0 = 500_000;
  private static final double Y0 = 150_000;
  private static final double CELL = 250;
  private static final long SIDE_CELLS = 120;
  private static final double BAND_CELLS = 3;
  private static final double Z99 = 2.5758293035489;

  /** The benchmark's two tasks. */
  enum Task {
    JOIN,
    GRID_GI_STAR
  }

  @Parameters(index = "0", description = "${COMPLETION-CANDIDATES}")
  Task task;

  @Parameters(index = "1", description = "The folder generate.py wrote.")
  String dir;

  @picocli.CommandLine.Option(
      names = "--runs",
      description =
          "Run the task this many times in one JVM, one line each: the first pays the JVM's"
              + " warm-up (class loading, JIT), as a one-shot job does; later ones show a warm"
              + " executor (default: ${DEFAULT-VALUE}).")
  int runs = 1;

  @Override
  public Integer call() {
    long starting = System.nanoTime();
    SparkSession spark =
        Sessions.create(
            "bluelamp-bench", System.getProperty("java.io.tmpdir") + "/bench-warehouse");
    spark.sparkContext().setLogLevel("ERROR");
    // A session builds its SQL state (the Delta and Sedona extensions, Sedona's few hundred
    // functions, the parser) at its first query, whatever the query: start-up, as the context is.
    spark.sql("SELECT 1").collectAsList();
    double startup = (System.nanoTime() - starting) / 1e9;
    for (int run = 1; run <= runs; run++) {
      long started = System.nanoTime();
      String answer = task == Task.JOIN ? join(spark, dir) : gridGiStar(spark, dir);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "{\"tool\": \"sedona\", \"task\": \"%s\", %s, \"run\": %d, \"seconds\": %.3f,"
              + " \"startup_seconds\": %.3f}%n",
          task.name().toLowerCase(Locale.ROOT),
          answer,
          run,
          seconds,
          startup);
      spark.catalog().clearCache();
    }
    return 0;
  }

  private static String join(SparkSession spark, String dir) {
    Dataset<Row> points = spark.read().parquet(dir + "/points.parquet");
    Dataset<Row> polygons =
        spark
            .read()
            .parquet(dir + "/polygons.parquet")
            .select(
                lit(FORCE).as("force_id"),
                col("polygon_id").cast("string").as("area_id"),
                lit(null).cast("string").as("area_name"),
                expr("ST_AsBinary(ST_GeomFromWKT(wkt))").as("geom_planar"));
    Column containing = AreaIndex.of(polygons).all(points).apply(lit(FORCE), col("x"), col("y"));
    List<Row> counts =
        points
            .select(explode(containing).as("polygon_id"))
            .groupBy(col("polygon_id").cast("long"))
            .agg(count(lit(1)).as("points"))
            .collectAsList();
    long pairs = 0;
    long weighted = 0;
    for (Row row : counts) {
      pairs += row.getLong(1);
      weighted += row.getLong(0) * row.getLong(1);
    }
    return String.format(Locale.ROOT, "\"pairs\": %d, \"weighted\": %d", pairs, weighted);
  }

  private static String gridGiStar(SparkSession spark, String dir) {
    // Each point's cell numbered column by column (generate.py keeps the points in the square),
    // as numpy's bincount counts them: one key to group on, not two.
    Dataset<Row> counts =
        spark
            .read()
            .parquet(dir + "/points.parquet")
            .select(
                floor(col("x").minus(X0).divide(CELL))
                    .multiply(SIDE_CELLS)
                    .plus(floor(col("y").minus(Y0).divide(CELL)))
                    .as("id"))
            .groupBy("id")
            .agg(count(lit(1)).cast("double").as("value"));
    Dataset<Row> cells =
        spark
            .range(SIDE_CELLS * SIDE_CELLS)
            .join(counts, seq(List.of("id")), "left")
            .select(
                col("id").divide(SIDE_CELLS).cast("long").as("cell_x"),
                col("id").mod(SIDE_CELLS).as("cell_y"),
                coalesce(col("value"), lit(0.0)).as("value"));
    Row summary =
        GetisOrd.local(
                cells,
                List.of(),
                List.of(),
                GetisOrd.Neighbourhood.star(BAND_CELLS, GetisOrd.Weights.BINARY))
            .agg(
                count(expr("CASE WHEN gi_z > " + Z99 + " THEN 1 END")),
                count(expr("CASE WHEN gi_z < -" + Z99 + " THEN 1 END")),
                expr("round(max(gi_z), 6)"))
            .first();
    return String.format(
        Locale.ROOT,
        "\"hot99\": %d, \"cold99\": %d, \"max_z\": %s",
        summary.getLong(0),
        summary.getLong(1),
        summary.get(2));
  }
}
