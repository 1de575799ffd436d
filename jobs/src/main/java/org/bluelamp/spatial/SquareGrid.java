package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.sequence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.contract.Force;
import org.bluelamp.lake.SparkColumns;

/**
 * Each force's square grid (Force.Grid) in its projected CRS: cell {@code (cell_x, cell_y)} covers
 * {@code [cell_x * size, (cell_x + 1) * size)} eastwards and the same northwards, so a point's cell
 * is the floor of its metres over the size. The study area of a force is the cells whose centre
 * lies in one of its wards, plus any cell an event falls in (an event is never dropped for lying in
 * an edge cell whose centre is outside every ward).
 */
public final class SquareGrid {
  private static final StructType GRIDS =
      new StructType()
          .add("force_id", DataTypes.StringType)
          .add("crs", DataTypes.StringType)
          .add("cell_metres", DataTypes.DoubleType)
          .add("band_metres", DataTypes.DoubleType);

  private SquareGrid() {}

  /** One row per force: {@code force_id}, {@code crs}, {@code cell_metres}, {@code band_metres}. */
  public static Dataset<Row> grids(SparkSession spark, Collection<Force> forces) {
    List<Row> rows = new ArrayList<>();
    for (Force force : forces) {
      rows.add(
          RowFactory.create(
              force.id(), force.crs(), force.grid().cellMetres(), force.grid().bandMetres()));
    }
    return spark.createDataFrame(rows, GRIDS);
  }

  /**
   * Adds {@code cell_x}, {@code cell_y} and the grid's columns to located rows ({@code force_id},
   * {@code x_m}, {@code y_m}); rows of a force without a grid row are dropped.
   */
  public static Dataset<Row> assign(Dataset<Row> located, Dataset<Row> grids) {
    return located
        .join(org.apache.spark.sql.functions.broadcast(grids), "force_id")
        .withColumn("cell_x", floor(col("x_m").divide(col("cell_metres"))))
        .withColumn("cell_y", floor(col("y_m").divide(col("cell_metres"))));
  }

  /**
   * The cells ({@code force_id}, {@code cell_x}, {@code cell_y}) whose centre lies inside one of
   * the {@code areas} ({@code force_id}, {@code geom_planar}): each area's bounding box is cut into
   * candidate cells and Sedona keeps those whose centre it contains.
   */
  public static Dataset<Row> cellsWithin(Dataset<Row> areas, Dataset<Row> grids) {
    return areas
        .join(org.apache.spark.sql.functions.broadcast(grids), "force_id")
        .withColumn("_area", expr("ST_GeomFromWKB(geom_planar)"))
        .withColumn(
            "cell_x",
            explode(
                sequence(
                    floor(expr("ST_XMin(_area)").divide(col("cell_metres"))),
                    floor(expr("ST_XMax(_area)").divide(col("cell_metres"))))))
        .withColumn(
            "cell_y",
            explode(
                sequence(
                    floor(expr("ST_YMin(_area)").divide(col("cell_metres"))),
                    floor(expr("ST_YMax(_area)").divide(col("cell_metres"))))))
        .filter(
            expr(
                "ST_Contains(_area, ST_Point((cell_x + 0.5) * cell_metres,"
                    + " (cell_y + 0.5) * cell_metres))"))
        .select("force_id", "cell_x", "cell_y")
        .distinct();
  }

  /**
   * Adds each cell's centre: {@code x_m}, {@code y_m} in the force's CRS and {@code lon}, {@code
   * lat} (WGS84), for maps; {@code rows} carry the grid's columns ({@link #assign}). Sedona
   * transforms each distinct cell once.
   */
  public static Dataset<Row> withCentres(Dataset<Row> rows) {
    Dataset<Row> centres =
        rows.select("force_id", "cell_x", "cell_y", "crs", "cell_metres")
            .distinct()
            .withColumn("x_m", col("cell_x").plus(0.5).multiply(col("cell_metres")))
            .withColumn("y_m", col("cell_y").plus(0.5).multiply(col("cell_metres")))
            .withColumn("_centre", expr("ST_Transform(ST_Point(x_m, y_m), crs, 'EPSG:4326')"))
            .select(
                col("force_id"),
                col("cell_x"),
                col("cell_y"),
                col("x_m"),
                col("y_m"),
                expr("ST_X(_centre)").as("lon"),
                expr("ST_Y(_centre)").as("lat"));
    return rows.join(centres, SparkColumns.seq(List.of("force_id", "cell_x", "cell_y")));
  }
}
