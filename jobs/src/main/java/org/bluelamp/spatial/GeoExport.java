package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructField;
import org.bluelamp.Errors;
import org.bluelamp.FileTrees;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.SparkColumns;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;

/**
 * A gold table as a layer for GIS tools (QGIS, kepler.gl, ArcGIS): every row a feature with a WGS84
 * geometry (longitude, latitude) made from the table's own location columns, the first of:
 *
 * <ol>
 *   <li>{@code h3_cell}: the H3 hexagon;
 *   <li>{@code cell_x}, {@code cell_y}, {@code cell_metres}: the square cell of the force's grid,
 *       built in the force's CRS and transformed;
 *   <li>{@code street_id}: the street segment's line (silver.street);
 *   <li>{@code ward_id}: the ward's polygon (silver.area);
 *   <li>{@code lon}, {@code lat}: a point.
 * </ol>
 *
 * <p>GeoJSON is one RFC 7946 FeatureCollection (what kepler.gl and QGIS open), streamed row by row
 * from the executors; GeoParquet is one file of GeoParquet 1.0 (WKB geometry column {@code
 * geometry}, no CRS member: OGC:CRS84) written by Sedona. Gold tables only: they are aggregates for
 * publication, while silver holds personal data that leaves the lake only through Trino, by role.
 */
public final class GeoExport {
  /** The file formats written. */
  public enum Format {
    GEOJSON,
    GEOPARQUET
  }

  static final String GEOMETRY = "geometry";

  private GeoExport() {}

  /**
   * The rows of {@code table} (narrowed by the Spark SQL predicate {@code where}, if any) with a
   * WGS84 {@code geometry} column.
   */
  public static Dataset<Row> features(
      Lake lake, Pipelines pipelines, TableName table, String where) {
    if (!table.schema().equals("gold")) {
      throw Errors.usage(
          "export writes gold tables only, not " + table,
          "export a gold table (aggregates for publication); silver and bronze hold personal"
              + " data, which leaves the lake only through Trino, by role");
    }
    if (!lake.exists(table)) {
      throw Errors.usage(
          "No table " + table + " in " + lake.root(),
          "build it first (./bluelamp run --model " + table.table() + ")");
    }
    Dataset<Row> rows = lake.read(table);
    if (where != null) {
      rows = rows.filter(expr(where));
    }
    Set<String> columns = Set.of(rows.columns());
    if (columns.contains("h3_cell")) {
      return rows.withColumn(GEOMETRY, expr("ST_H3ToGeom(array(h3_cell))[0]"));
    }
    if (columns.containsAll(List.of("force_id", "cell_x", "cell_y", "cell_metres"))) {
      return squareCells(rows, pipelines);
    }
    if (columns.containsAll(List.of("force_id", "street_id"))) {
      return withShape(rows, lake.read(Tables.STREET), "street_id");
    }
    if (columns.containsAll(List.of("force_id", "ward_id"))) {
      Dataset<Row> wards =
          lake.read(Tables.AREA)
              .filter(col("area_type").equalTo("ward"))
              .withColumnRenamed("area_id", "ward_id");
      return withShape(rows, wards, "ward_id");
    }
    if (columns.containsAll(List.of("lon", "lat"))) {
      return rows.withColumn(GEOMETRY, expr("ST_Point(lon, lat)"));
    }
    throw Errors.usage(
        table + " has no location columns",
        "export a table with h3_cell, cell_x/cell_y/cell_metres, street_id, ward_id or lon/lat"
            + " (the hot-spot and grid tables: gold.hotspot_*)");
  }

  /** Each row's square cell, built in its force's CRS and transformed to WGS84. */
  private static Dataset<Row> squareCells(Dataset<Row> rows, Pipelines pipelines) {
    Dataset<Row> result = null;
    for (Force force : pipelines.forces().values()) {
      Dataset<Row> part =
          rows.filter(col("force_id").equalTo(force.id()))
              .withColumn(
                  GEOMETRY,
                  expr(
                      "ST_Transform(ST_PolygonFromEnvelope(cell_x * cell_metres, cell_y *"
                          + " cell_metres, (cell_x + 1) * cell_metres, (cell_y + 1) *"
                          + " cell_metres), '"
                          + force.crs()
                          + "', 'EPSG:4326')"));
      result = result == null ? part : result.unionByName(part);
    }
    return result;
  }

  /**
   * Each row with the WGS84 shape ({@code geom}) of the {@code shapes} row sharing force and key.
   */
  private static Dataset<Row> withShape(Dataset<Row> rows, Dataset<Row> shapes, String key) {
    return rows.join(
        shapes.select(col("force_id"), col(key), expr("ST_GeomFromWKB(geom)").as(GEOMETRY)),
        SparkColumns.seq(List.of("force_id", key)),
        "left");
  }

  /** Writes the features to {@code out} (a local file, replaced); returns the features written. */
  public static long write(Dataset<Row> features, Format format, Path out) {
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      return format == Format.GEOJSON ? geoJson(features, out) : geoParquet(features, out);
    } catch (IOException e) {
      throw Errors.io("write " + out, e);
    }
  }

  private static long geoJson(Dataset<Row> features, Path out) throws IOException {
    List<StructField> properties =
        Arrays.stream(features.schema().fields())
            .filter(f -> !f.name().equals(GEOMETRY) && !(f.dataType() instanceof BinaryType))
            .toList();
    Dataset<Row> rows =
        features.select(
            Stream.concat(
                    Stream.of(expr("ST_AsGeoJSON(" + GEOMETRY + ")")),
                    properties.stream().map(f -> col(f.name())))
                .toArray(org.apache.spark.sql.Column[]::new));
    long written = 0;
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    try (JsonGenerator json =
        new JsonFactory().createGenerator(partial.toFile(), JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("type", "FeatureCollection");
      json.writeArrayFieldStart("features");
      for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
        Row row = it.next();
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeFieldName(GEOMETRY);
        if (row.isNullAt(0)) {
          json.writeNull();
        } else {
          json.writeRawValue(row.getString(0));
        }
        json.writeObjectFieldStart("properties");
        for (int i = 0; i < properties.size(); i++) {
          json.writeFieldName(properties.get(i).name());
          property(json, row.get(i + 1));
        }
        json.writeEndObject();
        json.writeEndObject();
        written++;
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
    return written;
  }

  /** A property value: numbers and booleans as such, dates and times in ISO form, else text. */
  private static void property(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        json.writeNumber(d);
      } else {
        json.writeNull();
      }
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof java.sql.Timestamp time) {
      json.writeString(time.toInstant().toString());
    } else {
      json.writeString(value.toString());
    }
  }

  private static long geoParquet(Dataset<Row> features, Path out) throws IOException {
    Dataset<Row> rows = features.drop(binaryColumns(features, GEOMETRY)).cache();
    try {
      long written = rows.count();
      Path parts = out.resolveSibling(out.getFileName() + ".parts");
      FileTrees.deleteRecursively(parts);
      rows.coalesce(1)
          .write()
          .format("geoparquet")
          .option("geoparquet.version", "1.0.0")
          .save(parts.toUri().toString());
      try (Stream<Path> files = Files.list(parts)) {
        Path part =
            files
                .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                .findFirst()
                .orElseThrow(() -> new IOException("Sedona wrote no parquet file in " + parts));
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING);
      }
      FileTrees.deleteRecursively(parts);
      return written;
    } finally {
      rows.unpersist();
    }
  }

  /** The binary (WKB) columns other than {@code keep}: planar copies a GIS tool cannot place. */
  private static String[] binaryColumns(Dataset<Row> rows, String keep) {
    return Arrays.stream(rows.schema().fields())
        .filter(f -> f.dataType() instanceof BinaryType && !f.name().equals(keep))
        .map(StructField::name)
        .toArray(String[]::new);
  }
}
