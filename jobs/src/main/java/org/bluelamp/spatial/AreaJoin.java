package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Assigns each located record the area (ward, beat, ...) of its own force that contains it, in
 * planar metres of the force's CRS. Sedona plans the inner {@code ST_Contains} join as a spatial
 * join (the force equality is a filter on its candidates: forces' CRSs overlap numerically); the
 * result is joined back by key, because a LEFT spatial join would run as a nested loop.
 */
public final class AreaJoin {
  private AreaJoin() {}

  /**
   * @param records rows with {@code force_id}, {@code x_m}, {@code y_m} and the columns of {@code
   *     key}
   * @param areas rows of one area type with {@code force_id}, {@code area_id}, {@code area_name},
   *     {@code geom_planar}
   * @param key the columns identifying a record (including {@code force_id})
   * @param prefix the area type, used to name the added columns {@code <prefix>_id} and {@code
   *     <prefix>_name}
   */
  public static Dataset<Row> assign(
      Dataset<Row> records, Dataset<Row> areas, List<String> key, String prefix) {
    Dataset<Row> points =
        records
            .filter(col("x_m").isNotNull())
            .select(
                concatKey(key).as("_join_key"),
                col("force_id").as("_point_force"),
                expr("ST_Point(x_m, y_m)").as("_point"));
    Dataset<Row> polygons =
        areas.select(
            col("force_id").as("_area_force"),
            col("area_id").as(prefix + "_id"),
            col("area_name").as(prefix + "_name"),
            expr("ST_GeomFromWKB(geom_planar)").as("_polygon"));
    Dataset<Row> matched =
        points
            .join(
                polygons,
                expr("ST_Contains(_polygon, _point)")
                    .and(col("_area_force").equalTo(col("_point_force"))))
            .select(col("_join_key"), col(prefix + "_id"), col(prefix + "_name"));
    return records
        .withColumn("_join_key", concatKey(key))
        .join(matched, "_join_key", "left")
        .drop("_join_key");
  }

  private static Column concatKey(List<String> key) {
    return org.apache.spark.sql.functions.concat_ws(
        "\u0001", key.stream().map(k -> col(k).cast("string")).toArray(Column[]::new));
  }
}
