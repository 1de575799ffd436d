package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.bluelamp.lake.SparkColumns;

/**
 * Assigns each located record the area (ward, beat, ...) of its own force that contains it, in
 * planar metres of the force's CRS (forces' CRSs overlap numerically, so the force is always
 * checked too).
 *
 * <p>The plan depends on the boundary set. Up to {@link #BROADCAST_AREAS} polygons (every ward,
 * beat and census small area of a force or a region: hundreds to a few thousand) are broadcast and
 * indexed once per executor ({@link AreaIndex}), and each record looks up its area where it is: no
 * shuffle, and a dense city centre cannot pile onto one partition. Larger sets (every small area of
 * a country) go to Sedona's partitioned {@code ST_Contains} join, whose KDB-tree partitions are cut
 * from a sample of the data, so a skewed city gets many small partitions where it is dense; the
 * force is a condition on its candidates ({@link #sameForce}), and the matches are joined back by
 * key, because a LEFT spatial join would run as a nested loop.
 */
public final class AreaJoin {
  /** The most polygons broadcast to every executor (a few MB of WKB at 300 vertices each). */
  public static final long BROADCAST_AREAS = 20_000;

  private AreaJoin() {}

  /**
   * @param records rows with {@code force_id}, {@code x_m}, {@code y_m} and the columns of {@code
   *     key}
   * @param areas rows of one area type with {@code force_id}, {@code area_id}, {@code area_name},
   *     {@code geom_planar}
   * @param key the columns identifying a record (including {@code force_id})
   * @param prefix the area type, used to name the added columns {@code <prefix>_id} and {@code
   *     <prefix>_name}
   * @return {@code records} with {@code <prefix>_id} and {@code <prefix>_name}: empty outside every
   *     area of the force, the smallest id where its areas overlap
   * @param broadcastAreas whether to broadcast the areas: when there are at most {@link
   *     #BROADCAST_AREAS} of them (the caller knows how many; counting here would cost a Spark job
   *     per join)
   */
  public static Dataset<Row> assign(
      Dataset<Row> records,
      Dataset<Row> areas,
      List<String> key,
      String prefix,
      boolean broadcastAreas) {
    if (broadcastAreas) {
      return assign(records, AreaIndex.of(areas).first(records), prefix);
    }
    Dataset<Row> polygons =
        areas.select(
            col("force_id").as("_area_force"),
            col("area_id").as(prefix + "_id"),
            col("area_name").as(prefix + "_name"),
            expr("ST_GeomFromWKB(geom_planar)").as("_polygon"));
    Dataset<Row> matched =
        points(records, key)
            .join(
                polygons,
                expr("ST_Contains(_polygon, _point)").and(sameForce("_area_force", "_point_force")))
            .groupBy("_join_key")
            .agg(min(struct(col(prefix + "_id"), col(prefix + "_name"))).as("_area"))
            .select(
                col("_join_key"),
                col("_area." + prefix + "_id").as(prefix + "_id"),
                col("_area." + prefix + "_name").as(prefix + "_name"));
    return joinBack(records, matched, key);
  }

  /**
   * As {@link #assign(Dataset, Dataset, List, String, boolean)} with the areas already broadcast:
   * {@code containing} is {@link AreaIndex#first} of them, made once and used for every entity.
   */
  public static Dataset<Row> assign(
      Dataset<Row> records, UserDefinedFunction containing, String prefix) {
    return records
        .withColumn("_area", containing.apply(col("force_id"), col("x_m"), col("y_m")))
        .withColumn(prefix + "_id", col("_area.id"))
        .withColumn(prefix + "_name", col("_area.name"))
        .drop("_area");
  }

  /**
   * The two columns hold the same force, written so that Spark does not see an equi-join key: with
   * {@code a = b} beside a spatial predicate, Spark plans a hash join on the force and tests the
   * predicate on every pair of it (every point against every polygon of its force), ahead of
   * Sedona's spatial join. Found by {@code TestAreaJoin}, which checks the plan.
   */
  static Column sameForce(String a, String b) {
    return col(a).geq(col(b)).and(col(a).leq(col(b)));
  }

  /**
   * The located {@code records} as {@code _join_key} (their {@code key} columns), {@code
   * _point_force} and {@code _point} (planar): the side of a spatial join that is streamed.
   */
  static Dataset<Row> points(Dataset<Row> records, List<String> key) {
    return records
        .filter(col("x_m").isNotNull())
        .select(
            SparkColumns.joinKey(key).as("_join_key"),
            col("force_id").as("_point_force"),
            expr("ST_Point(x_m, y_m)").as("_point"));
  }

  /**
   * {@code records} with the columns of {@code matched} (at most one row per {@code _join_key}),
   * empty where none: an equi-join, because a LEFT spatial join runs as a nested loop.
   */
  static Dataset<Row> joinBack(Dataset<Row> records, Dataset<Row> matched, List<String> key) {
    return records
        .withColumn("_join_key", SparkColumns.joinKey(key))
        .join(matched, "_join_key", "left")
        .drop("_join_key");
  }
}
