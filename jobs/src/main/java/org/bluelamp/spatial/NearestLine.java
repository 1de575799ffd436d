package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Snaps each located record to the nearest line (street segment) of its own force within a search
 * distance, in planar metres of the force's CRS, adding the line's id, its name and the distance.
 *
 * <p>Sedona's own nearest-neighbour join ({@code ST_KNN}) measures from the centroid of a non-point
 * geometry, which for a street is its midpoint, not the street: so this is a distance join ({@code
 * ST_DWithin} on the exact line, which Sedona plans as a spatial join) that keeps, per record, the
 * line at the smallest distance, ties to the smallest id. A street network is small beside its
 * records (thousands of segments against millions of points): the lines are broadcast and indexed
 * once per executor, and the records are never shuffled by location, so a skewed city centre cannot
 * overload one partition.
 */
public final class NearestLine {
  private NearestLine() {}

  /**
   * @param records rows with {@code force_id}, {@code x_m}, {@code y_m} and the columns of {@code
   *     key}
   * @param lines rows with {@code force_id}, {@code idColumn}, {@code nameColumn}, {@code
   *     geom_planar}
   * @param key the columns identifying a record (including {@code force_id})
   * @param within the search distance in metres; farther records get no line
   * @return {@code records} with {@code <prefix>_id}, {@code <prefix>_name} and {@code
   *     <prefix>_distance_m} (to the decimetre), empty when no line is within the distance
   */
  public static Dataset<Row> assign(
      Dataset<Row> records,
      Dataset<Row> lines,
      List<String> key,
      String prefix,
      String idColumn,
      String nameColumn,
      double within) {
    String id = prefix + "_id";
    String name = prefix + "_name";
    String distance = prefix + "_distance_m";
    Dataset<Row> shapes =
        lines.select(
            col("force_id").as("_line_force"),
            col(idColumn).as(id),
            col(nameColumn).as(name),
            expr("ST_GeomFromWKB(geom_planar)").as("_line"));
    Dataset<Row> nearest =
        AreaJoin.points(records, key)
            .join(
                broadcast(shapes),
                expr("ST_DWithin(_line, _point, " + within + ")")
                    .and(AreaJoin.sameForce("_line_force", "_point_force")))
            .withColumn("_distance", expr("ST_Distance(_line, _point)"))
            .withColumn(
                "_rank",
                row_number()
                    .over(Window.partitionBy("_join_key").orderBy(col("_distance"), col(id))))
            .filter(col("_rank").equalTo(1))
            .select(col("_join_key"), col(id), col(name), round(col("_distance"), 1).as(distance));
    return AreaJoin.joinBack(records, nearest, key);
  }
}
