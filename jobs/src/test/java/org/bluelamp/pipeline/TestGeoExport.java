package org.bluelamp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.bluelamp.BluelampException;
import org.bluelamp.SharedSpark;
import org.bluelamp.lake.TableName;
import org.bluelamp.spatial.GeoExport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * {@code bluelamp export} of the sample world's hot-spot tables: what a GIS tool reads back is one
 * feature per row, in longitude/latitude, each shape around the centre the table itself gives and
 * of the size its grid declares; the GeoParquet file carries the GeoParquet 1.0 metadata.
 */
class TestGeoExport {
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  /** Metres per degree of latitude near 51 degrees north (WGS84 meridian arc, to 0.05%). */
  private static final double METRES_PER_DEGREE_LATITUDE = 111_250;

  private static SampleWorld world;

  @TempDir Path out;

  @BeforeAll
  static void runWorld() {
    world = SampleWorld.get();
  }

  private static long rows(String table, String where) {
    return world.lake.read(TableName.of(table)).filter(where).count();
  }

  private static JsonNode exportGeoJson(String table, String where, Path file) throws IOException {
    long written =
        GeoExport.write(
            GeoExport.features(world.lake, world.pipelines, TableName.of(table), where),
            GeoExport.Format.GEOJSON,
            file);
    JsonNode collection = new ObjectMapper().readTree(file.toFile());
    assertThat(collection.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(collection.get("features")).hasSize((int) written);
    assertThat(written).as(table + " rows").isEqualTo(rows(table, where)).isPositive();
    return collection.get("features");
  }

  private static Geometry shape(JsonNode geometry) {
    List<Coordinate> ring = new ArrayList<>();
    JsonNode coordinates =
        geometry.get("type").asText().equals("Polygon")
            ? geometry.get("coordinates").get(0)
            : geometry.get("coordinates");
    for (JsonNode xy : coordinates) {
      ring.add(new Coordinate(xy.get(0).asDouble(), xy.get(1).asDouble()));
    }
    Coordinate[] points = ring.toArray(Coordinate[]::new);
    return geometry.get("type").asText().equals("Polygon")
        ? GEOMETRY.createPolygon(points)
        : GEOMETRY.createLineString(points);
  }

  private static Point point(double lon, double lat) {
    return GEOMETRY.createPoint(new Coordinate(lon, lat));
  }

  @Test
  void squareCellsAreTheirForcesCellsAroundTheTablesCentres() throws IOException {
    String where = "force_id = 'england' AND event_type = 'incident'";
    JsonNode features = exportGeoJson("gold.hotspot_gi_star", where, out.resolve("gi.geojson"));
    for (JsonNode feature : features) {
      JsonNode properties = feature.get("properties");
      Geometry cell = shape(feature.get("geometry"));
      assertThat(cell.getCoordinates()).as("a closed square ring").hasSize(5);
      assertThat(
              cell.contains(
                  point(properties.get("lon").asDouble(), properties.get("lat").asDouble())))
          .as("cell " + properties.get("cell_x") + "," + properties.get("cell_y"))
          .isTrue();
      // Each side is the cell's (the square is turned by the grid's convergence, so its
      // bounding box is not), measured on the local tangent plane.
      Coordinate[] ring = cell.getCoordinates();
      for (int i = 0; i < 4; i++) {
        double north = (ring[i + 1].y - ring[i].y) * METRES_PER_DEGREE_LATITUDE;
        double east =
            (ring[i + 1].x - ring[i].x)
                * METRES_PER_DEGREE_LATITUDE
                * Math.cos(Math.toRadians(ring[i].y));
        assertThat(Math.hypot(north, east))
            .as("side " + i)
            .isCloseTo(properties.get("cell_metres").asDouble(), within(2.5));
      }
      assertThat(properties.get("gi_bin_fdr").isInt()).isTrue();
      assertThat(properties.get("period_start").asText()).matches("\\d{4}-\\d{2}-01");
    }
  }

  @Test
  void geoParquetCarriesItsMetadataAndTheSameShapes() throws IOException, ParseException {
    String where = "force_id = 'lebanon'";
    Path file = out.resolve("gi.parquet");
    long written =
        GeoExport.write(
            GeoExport.features(
                world.lake, world.pipelines, TableName.of("gold.hotspot_gi_star"), where),
            GeoExport.Format.GEOPARQUET,
            file);
    assertThat(written).isEqualTo(rows("gold.hotspot_gi_star", where)).isPositive();
    String geo;
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()),
                SharedSpark.session().sparkContext().hadoopConfiguration()))) {
      geo = reader.getFooter().getFileMetaData().getKeyValueMetaData().get("geo");
    }
    JsonNode metadata = new ObjectMapper().readTree(geo);
    assertThat(metadata.get("version").asText()).isEqualTo("1.0.0");
    assertThat(metadata.get("primary_column").asText()).isEqualTo("geometry");
    JsonNode column = metadata.get("columns").get("geometry");
    assertThat(column.get("encoding").asText()).isEqualTo("WKB");
    assertThat(column.get("geometry_types").toString()).contains("Polygon");
    // Read back as plain Parquet (as any reader without Sedona would) and the WKB with JTS.
    List<Row> rows =
        SharedSpark.session()
            .read()
            .parquet(file.toUri().toString())
            .select("geometry", "lon", "lat")
            .collectAsList();
    assertThat(rows).hasSize((int) written);
    WKBReader wkb = new WKBReader();
    for (Row row : rows) {
      Geometry cell = wkb.read((byte[]) row.get(0));
      assertThat(cell.contains(point(row.getDouble(1), row.getDouble(2)))).isTrue();
    }
  }

  @Test
  void h3CellsAreHexagonsAroundTheirCentres() throws IOException {
    String where = "h3_resolution = 8 AND force_id = 'belgium'";
    for (JsonNode feature : exportGeoJson("gold.hotspot_h3", where, out.resolve("h3.geojson"))) {
      JsonNode properties = feature.get("properties");
      Geometry cell = shape(feature.get("geometry"));
      assertThat(cell.getCoordinates()).as("a closed hexagon ring").hasSize(7);
      assertThat(
              cell.contains(
                  point(
                      properties.get("cell_lon").asDouble(),
                      properties.get("cell_lat").asDouble())))
          .isTrue();
    }
  }

  @Test
  void streetsAreTheirLinesAndWardsTheirPolygons() throws IOException {
    JsonNode streets =
        exportGeoJson("gold.hotspot_collision_streets", "true", out.resolve("streets.geojson"));
    for (JsonNode feature : streets) {
      assertThat(feature.get("geometry").get("type").asText()).isEqualTo("LineString");
    }
    JsonNode wards =
        exportGeoJson("gold.hotspot_time_heat", "ward_id IS NOT NULL", out.resolve("heat.geojson"));
    for (JsonNode feature : wards) {
      assertThat(feature.get("geometry").get("type").asText()).isEqualTo("Polygon");
    }
  }

  @Test
  void onlyGoldTablesWithALocationAreExported() {
    assertThatThrownBy(
            () ->
                GeoExport.features(world.lake, world.pipelines, TableName.of("silver.crime"), null))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("gold tables only");
    assertThatThrownBy(
            () ->
                GeoExport.features(
                    world.lake, world.pipelines, TableName.of("gold.crime_iccs_coverage"), null))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("has no location columns");
  }
}
