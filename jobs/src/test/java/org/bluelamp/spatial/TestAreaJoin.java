package org.bluelamp.spatial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;

/**
 * The spatial joins of silver: {@link AreaJoin} on both plans (areas broadcast, or Sedona's
 * partitioned join) and {@link NearestLine}, each against a brute-force JTS oracle, with two forces
 * whose planar coordinates overlap numerically.
 */
class TestAreaJoin {
  private static final int SIDE = 12;
  private static final double SPACING = 100;
  private static final GeometryFactory JTS = new GeometryFactory();
  private static final String SEDONA_BROADCAST = "spark.sedona.join.autoBroadcastJoinThreshold";

  private static final StructType AREAS =
      new StructType()
          .add("force_id", DataTypes.StringType)
          .add("area_id", DataTypes.StringType)
          .add("area_name", DataTypes.StringType)
          .add("geom_planar", DataTypes.BinaryType);
  private static final StructType LINES =
      new StructType()
          .add("force_id", DataTypes.StringType)
          .add("street_id", DataTypes.StringType)
          .add("street_name", DataTypes.StringType)
          .add("geom_planar", DataTypes.BinaryType);
  private static final double WITHIN = 100;
  private static final StructType RECORDS =
      new StructType()
          .add("force_id", DataTypes.StringType)
          .add("record_id", DataTypes.LongType)
          .add("x_m", DataTypes.DoubleType)
          .add("y_m", DataTypes.DoubleType);

  /** A force's tiling: lattice corners moved up to 30 m each way, seeded per force. */
  private static Map<String, Polygon> tiling(String force, long seed) {
    Random random = new Random(seed);
    Coordinate[][] corners = new Coordinate[SIDE + 1][SIDE + 1];
    for (int i = 0; i <= SIDE; i++) {
      for (int j = 0; j <= SIDE; j++) {
        corners[i][j] =
            new Coordinate(
                i * SPACING + (random.nextDouble() - 0.5) * 60,
                j * SPACING + (random.nextDouble() - 0.5) * 60);
      }
    }
    Map<String, Polygon> areas = new HashMap<>();
    for (int i = 0; i < SIDE; i++) {
      for (int j = 0; j < SIDE; j++) {
        areas.put(
            force + "-" + i + "-" + j,
            JTS.createPolygon(
                new Coordinate[] {
                  corners[i][j],
                  corners[i + 1][j],
                  corners[i + 1][j + 1],
                  corners[i][j + 1],
                  corners[i][j]
                }));
      }
    }
    return areas;
  }

  /**
   * Each force is tiled by its own irregular quadrilaterals (a jittered 100 m lattice, adjacent
   * areas sharing corners); random points fall inside and outside the tiling.
   */
  @ParameterizedTest(name = "broadcast areas: {0}")
  @ValueSource(booleans = {true, false})
  void everyPointGetsTheAreaOfItsOwnForceThatContainsIt(boolean broadcastAreas) {
    SparkSession spark = SharedSpark.session();
    Map<String, Map<String, Polygon>> forces =
        Map.of("north", tiling("north", 1L), "south", tiling("south", 2L));
    // Areas of one type may overlap (a boundary drawn twice): the smallest id wins, on both plans.
    forces
        .get("north")
        .put(
            "north-!overlap",
            JTS.createPolygon(
                new Coordinate[] {
                  new Coordinate(250, 250),
                  new Coordinate(650, 250),
                  new Coordinate(650, 650),
                  new Coordinate(250, 650),
                  new Coordinate(250, 250)
                }));
    List<Row> areaRows = new ArrayList<>();
    WKBWriter wkb = new WKBWriter();
    forces.forEach(
        (force, areas) ->
            areas.forEach(
                (id, polygon) ->
                    areaRows.add(RowFactory.create(force, id, "Area " + id, wkb.write(polygon)))));
    Random random = new Random(3L);
    List<Row> recordRows = new ArrayList<>();
    Map<Long, String> expected = new HashMap<>();
    for (long i = 0; i < 3000; i++) {
      long id = i;
      String force = id % 2 == 0 ? "north" : "south";
      // Some points beyond the tiling's edges, which no area contains.
      double x = random.nextDouble() * (SIDE + 1) * SPACING - SPACING / 2;
      double y = random.nextDouble() * (SIDE + 1) * SPACING - SPACING / 2;
      recordRows.add(RowFactory.create(force, id, x, y));
      var point = JTS.createPoint(new Coordinate(x, y));
      forces.get(force).entrySet().stream()
          .filter(area -> area.getValue().contains(point))
          .map(Map.Entry::getKey)
          .min(String::compareTo)
          .ifPresent(area -> expected.put(id, area));
    }
    // A record without a location stays, without an area.
    recordRows.add(RowFactory.create("north", -1L, null, null));
    Dataset<Row> records = spark.createDataFrame(recordRows, RECORDS).repartition(4);
    Dataset<Row> areas = spark.createDataFrame(areaRows, AREAS);

    // Sedona itself broadcasts a side this small; off, so that the partitioned plan is tested.
    spark.conf().set(SEDONA_BROADCAST, broadcastAreas ? "10485760" : "-1");
    List<Row> rows;
    try {
      Dataset<Row> assigned =
          AreaJoin.assign(records, areas, List.of("force_id", "record_id"), "ward", broadcastAreas)
              .select("record_id", "ward_id", "ward_name");
      String plan = assigned.queryExecution().executedPlan().toString();
      if (broadcastAreas) {
        assertThat(plan).as("an index lookup in place, no join").doesNotContain("Join");
      } else {
        assertThat(plan)
            .as("a spatial join, the force a condition on its candidates")
            .contains("RangeJoin")
            .doesNotContain("HashJoin [_point_force");
      }
      rows = assigned.collectAsList();
    } finally {
      spark.conf().unset(SEDONA_BROADCAST);
    }
    Map<Long, String> actual = new HashMap<>();
    for (Row row : rows) {
      assertThat(actual.containsKey(row.getLong(0))).as("one row per record").isFalse();
      actual.put(row.getLong(0), row.getString(1));
      if (row.getString(1) != null) {
        assertThat(row.getString(2)).isEqualTo("Area " + row.getString(1));
      }
    }
    assertThat(actual).hasSize(recordRows.size());
    assertThat(expected).hasSizeGreaterThan(2500).hasSizeLessThan(3000);
    for (Row record : recordRows) {
      long id = record.getLong(1);
      assertThat(actual.get(id)).as("record " + id).isEqualTo(expected.get(id));
    }
  }

  /**
   * {@link NearestLine} against the distance to every line of the record's force: a force's lines
   * are random segments; the other force has lines at the same coordinates, which must be ignored.
   */
  @Test
  void everyPointGetsTheNearestLineOfItsOwnForceWithinTheDistance() {
    SparkSession spark = SharedSpark.session();
    Random random = new Random(4L);
    WKBWriter wkb = new WKBWriter();
    Map<String, Map<String, LineString>> forces = new HashMap<>();
    List<Row> lineRows = new ArrayList<>();
    for (String force : List.of("north", "south")) {
      Map<String, LineString> lines = new HashMap<>();
      for (int i = 0; i < 60; i++) {
        double x = random.nextDouble() * 1200;
        double y = random.nextDouble() * 1200;
        LineString line =
            JTS.createLineString(
                new Coordinate[] {
                  new Coordinate(x, y),
                  new Coordinate(
                      x + random.nextDouble() * 200 - 100, y + random.nextDouble() * 200),
                  new Coordinate(x + random.nextDouble() * 200, y + random.nextDouble() * 200 - 100)
                });
        String id = String.format("%s-%03d", force, i);
        lines.put(id, line);
        lineRows.add(RowFactory.create(force, id, "Street " + id, wkb.write(line)));
      }
      forces.put(force, lines);
    }
    List<Row> recordRows = new ArrayList<>();
    Map<Long, String> expected = new HashMap<>();
    for (long i = 0; i < 2000; i++) {
      long id = i;
      String force = id % 2 == 0 ? "north" : "south";
      double x = random.nextDouble() * 1400 - 100;
      double y = random.nextDouble() * 1400 - 100;
      recordRows.add(RowFactory.create(force, id, x, y));
      var point = JTS.createPoint(new Coordinate(x, y));
      forces.get(force).entrySet().stream()
          .filter(line -> line.getValue().distance(point) <= WITHIN)
          .min(
              Comparator.comparingDouble(
                      (Map.Entry<String, LineString> line) -> line.getValue().distance(point))
                  .thenComparing(Map.Entry::getKey))
          .ifPresent(line -> expected.put(id, line.getKey()));
    }
    Dataset<Row> nearest =
        NearestLine.assign(
                spark.createDataFrame(recordRows, RECORDS).repartition(4),
                spark.createDataFrame(lineRows, LINES),
                List.of("force_id", "record_id"),
                "street",
                "street_id",
                "street_name",
                WITHIN)
            .select("record_id", "street_id");
    assertThat(nearest.queryExecution().executedPlan().toString())
        .as("a spatial join, the force a condition on its candidates")
        .contains("BroadcastIndexJoin")
        .doesNotContain("HashJoin [_point_force");
    Map<Long, String> actual = new HashMap<>();
    nearest.collectAsList().forEach(row -> actual.put(row.getLong(0), row.getString(1)));
    assertThat(actual).hasSize(recordRows.size());
    assertThat(expected).hasSizeGreaterThan(500).hasSizeLessThan(2000);
    for (Row record : recordRows) {
      long id = record.getLong(1);
      assertThat(actual.get(id)).as("record " + id).isEqualTo(expected.get(id));
    }
  }
}
