package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.contract.Action;
import org.bluelamp.contract.BuiltInRule;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.GeometrySpec;

/**
 * Turns a record's location into the lake's spatial columns with Sedona: {@code geom} (WKB, EPSG
 * 4326), {@code lon}/{@code lat}, and planar metres in the force's CRS ({@code x_m}/{@code y_m} for
 * points, {@code geom_planar} WKB for areas and lines). Adds the built-in checks {@code
 * missing_location}, {@code out_of_area} and {@code invalid_geometry}.
 */
final class Locations {
  static final String WGS84 = "EPSG:4326";
  static final List<String> POINT_COLUMNS = List.of("x_m", "y_m", "lon", "lat", "geom");
  static final List<String> AREA_COLUMNS = List.of("geom", "geom_planar");

  private Locations() {}

  static Dataset<Row> add(Dataset<Row> data, GeometrySpec spec, Force force) {
    return spec.isPoint() ? points(data, spec, force) : areas(data, spec, force);
  }

  private static String transform(String geometry, String from, String to) {
    return from.equals(to)
        ? geometry
        : "ST_Transform(" + geometry + ", '" + from + "', '" + to + "')";
  }

  private static String name(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static Dataset<Row> points(Dataset<Row> data, GeometrySpec spec, Force force) {
    String x = name(spec.x().orElseThrow());
    String y = name(spec.y().orElseThrow());
    Column present = expr(x + " IS NOT NULL AND " + y + " IS NOT NULL");
    String point = "ST_Point(CAST(" + x + " AS DOUBLE), CAST(" + y + " AS DOUBLE))";
    Force.Extent extent = force.extent();
    return data.withColumn(
            "_planar", when(present, expr(transform(point, spec.crs(), force.crs()))))
        .withColumn("x_m", expr("ST_X(_planar)"))
        .withColumn("y_m", expr("ST_Y(_planar)"))
        .withColumn("_wgs84", when(present, expr(transform(point, spec.crs(), WGS84))))
        .withColumn("lon", expr("ST_X(_wgs84)"))
        .withColumn("lat", expr("ST_Y(_wgs84)"))
        .withColumn("geom", expr("ST_AsBinary(_wgs84)"))
        .withColumn(
            "_f_location_missing",
            Failures.when(
                not(present),
                BuiltInRule.MISSING_LOCATION.ruleName(),
                spec.x().orElseThrow() + "," + spec.y().orElseThrow(),
                lit(null),
                Action.QUARANTINE,
                lit("the record has no coordinates")))
        .withColumn(
            "_f_location_area",
            Failures.when(
                present.and(
                    not(
                        expr(
                            "x_m BETWEEN "
                                + extent.minX()
                                + " AND "
                                + extent.maxX()
                                + " AND y_m BETWEEN "
                                + extent.minY()
                                + " AND "
                                + extent.maxY()))),
                BuiltInRule.OUT_OF_AREA.ruleName(),
                spec.x().orElseThrow() + "," + spec.y().orElseThrow(),
                concat_ws(" ", expr(x), expr(y)),
                Action.QUARANTINE,
                lit(
                    "the point lies outside the area of force "
                        + force.id()
                        + " ("
                        + force.crs()
                        + " extent "
                        + extent
                        + ")")))
        .drop("_planar", "_wgs84");
  }

  private static Dataset<Row> areas(Dataset<Row> data, GeometrySpec spec, Force force) {
    String column = name(spec.geojson().orElseThrow());
    return data.withColumn("_shape", expr("ST_GeomFromGeoJSON(" + column + ")"))
        .withColumn(
            "geom_planar",
            expr("ST_AsBinary(" + transform("_shape", spec.crs(), force.crs()) + ")"))
        .withColumn("geom", expr("ST_AsBinary(" + transform("_shape", spec.crs(), WGS84) + ")"))
        .withColumn(
            "_f_location_missing",
            Failures.when(
                expr(column + " IS NULL"),
                BuiltInRule.MISSING_LOCATION.ruleName(),
                spec.geojson().orElseThrow(),
                lit(null),
                Action.QUARANTINE,
                lit("the feature has no geometry")))
        .withColumn(
            "_f_location_area",
            Failures.when(
                expr(column + " IS NOT NULL AND (_shape IS NULL OR NOT ST_IsValid(_shape))"),
                BuiltInRule.INVALID_GEOMETRY.ruleName(),
                spec.geojson().orElseThrow(),
                lit(null),
                Action.QUARANTINE,
                lit(
                    "the geometry is not valid (a self-intersecting polygon, a line of one point, or unreadable)")))
        .drop("_shape");
  }

  static List<String> failureColumns() {
    return List.of("_f_location_missing", "_f_location_area");
  }
}
