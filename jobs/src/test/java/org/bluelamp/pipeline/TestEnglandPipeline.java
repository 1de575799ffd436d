package org.bluelamp.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import com.uber.h3core.H3Core;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.SharedSpark;
import org.bluelamp.cli.Runner;
import org.bluelamp.ingest.Quarantine;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.TableName;
import org.bluelamp.synth.Truth;
import org.bluelamp.synth.WorldGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The English sample force through every layer, checked against what the generator planted and
 * against oracles that share no code with the pipeline.
 */
class TestEnglandPipeline {
  private static SampleWorld world;

  @BeforeAll
  static void runWorld() {
    world = SampleWorld.get();
    assertThat(world.firstRun.failures()).isEmpty();
  }

  private static Dataset<Row> table(String name) {
    return world.lake.read(TableName.of(name));
  }

  @Test
  void everyPlantedDefectIsQuarantinedWithItsRuleAndNothingElseIs() {
    Set<String> planted =
        world.truth.defects().stream()
            .map(d -> d.source() + " " + d.file() + ":" + d.line() + " " + d.rule())
            .collect(Collectors.toSet());
    Set<String> quarantined =
        table(Quarantine.TABLE.toString()).collectAsList().stream()
            .map(
                r ->
                    r.getAs("_source")
                        + " "
                        + r.getAs("_file")
                        + ":"
                        + r.getAs("_offset")
                        + " "
                        + r.getAs("rule"))
            .collect(Collectors.toSet());
    assertThat(planted).hasSizeGreaterThan(20);
    assertThat(quarantined).isEqualTo(planted);
  }

  @Test
  void quarantineNamesTheValueAndTheExpectedForm() {
    Row badDate =
        table(Quarantine.TABLE.toString()).filter(col("rule").equalTo("parse:received_at")).first();
    assertThat((String) badDate.getAs("column")).isEqualTo("CALL_RECEIVED");
    assertThat((String) badDate.getAs("reason"))
        .contains("is not a valid timestamp in the format dd/MM/yyyy HH:mm:ss")
        .contains("25:61:00");
    assertThat((String) badDate.getAs("record")).startsWith("CAD-");
  }

  @Test
  void recordsReadEqualAcceptedPlusQuarantinedForEverySource() {
    Map<String, Long> defects =
        world.truth.defects().stream()
            .collect(Collectors.groupingBy(Truth.Defect::source, Collectors.counting()));
    for (JobResult result : world.firstRun.results()) {
      assertThat(result.reconciles()).as(result.target()).isTrue();
    }
    for (Map.Entry<String, Truth.SourceTruth> source : world.truth.sources().entrySet()) {
      JobResult result = result("bronze." + source.getKey());
      long planted = defects.getOrDefault(source.getKey(), 0L);
      assertThat(result.rowsRead()).as(source.getKey()).isEqualTo(source.getValue().records());
      assertThat(result.rowsQuarantined()).as(source.getKey()).isEqualTo(planted);
      assertThat(result.rowsAccepted()).as(source.getKey()).isEqualTo(source.getValue().clean());
    }
    Row logged =
        table("ops.job_runs")
            .filter(col("job").equalTo("ingest"))
            .agg(sum("rows_read"), sum("rows_accepted"), sum("rows_quarantined"))
            .first();
    assertThat(logged.getLong(0)).isEqualTo(logged.getLong(1) + logged.getLong(2));
  }

  private static JobResult result(String target) {
    return world.firstRun.results().stream()
        .filter(r -> r.target().equals(target))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void silverHoldsOneRowPerCleanKeyAndLateUpdatesWin() {
    Map<String, Long> rejectedKeys = new HashMap<>();
    world.truth.defects().stream()
        .filter(d -> !d.rule().equals("duplicate_record"))
        .forEach(d -> rejectedKeys.merge(d.source(), 1L, Long::sum));
    Truth.SourceTruth cad = world.truth.sources().get("england__cad");
    Truth.SourceTruth rms = world.truth.sources().get("england__rms");
    assertThat(table("silver.incident").count())
        .isEqualTo(cad.distinctKeys() - rejectedKeys.get("england__cad"));
    assertThat(table("silver.crime").count())
        .isEqualTo(rms.distinctKeys() - rejectedKeys.get("england__rms"));
    assertThat(world.truth.updates()).isNotEmpty();
    Map<String, String> closed = new HashMap<>();
    table("silver.incident")
        .select(col("incident_id"), col("closed_local").cast("string"))
        .collectAsList()
        .forEach(r -> closed.put(r.getString(0), r.getString(1)));
    for (Truth.Update update : world.truth.updates()) {
      assertThat(closed.get(update.key()))
          .as(update.key())
          .isEqualTo(update.closedLocal().replace('T', ' '));
    }
  }

  @Test
  void everyRecordsWardEqualsABruteForcePointInPolygonOracle() throws IOException {
    Map<String, Polygon> wards = wardsFromLanding();
    GeometryFactory geometry = new GeometryFactory();
    int checked = 0;
    for (String entity : List.of("silver.incident", "silver.crime")) {
      for (Row row : table(entity).select("x_m", "y_m", "ward_id").collectAsList()) {
        Point point = geometry.createPoint(new Coordinate(row.getDouble(0), row.getDouble(1)));
        String expected =
            wards.entrySet().stream()
                .filter(w -> w.getValue().contains(point))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        assertThat(row.getString(2)).as("ward of " + point).isEqualTo(expected);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(500);
  }

  private static Map<String, Polygon> wardsFromLanding() throws IOException {
    Path file = WorldGenerator.landing(world.dir).resolve("england/wards/wards.geojson");
    JsonNode features = new ObjectMapper().readTree(file.toFile()).get("features");
    GeometryFactory geometry = new GeometryFactory();
    Map<String, Polygon> wards = new LinkedHashMap<>();
    for (JsonNode feature : features) {
      List<Coordinate> ring = new ArrayList<>();
      for (JsonNode xy : feature.get("geometry").get("coordinates").get(0)) {
        ring.add(new Coordinate(xy.get(0).asDouble(), xy.get(1).asDouble()));
      }
      wards.put(
          feature.get("properties").get("WD_CODE").asText(),
          geometry.createPolygon(ring.toArray(Coordinate[]::new)));
    }
    return wards;
  }

  @Test
  void dailyCrimeCountsEqualTheGeneratorsTruth() {
    Set<String> expected =
        world.truth.crimeCountsDaily().stream()
            .map(c -> c.wardId() + "|" + c.category() + "|" + c.localDate() + "|" + c.count())
            .collect(Collectors.toSet());
    Set<String> actual =
        table("gold.crime_counts_daily")
            .select(
                col("ward_id"),
                col("crime_category"),
                col("local_date").cast("string"),
                col("crime_count"))
            .collectAsList()
            .stream()
            .map(
                r ->
                    r.getString(0)
                        + "|"
                        + r.getString(1)
                        + "|"
                        + r.getString(2)
                        + "|"
                        + r.getLong(3))
            .collect(Collectors.toSet());
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void plantedHotspotCentresFallInTheTopCells() throws IOException {
    H3Core h3 = H3Core.newInstance();
    List<Row> top =
        table("gold.hotspot_h3")
            .filter(col("event_type").equalTo("incident"))
            .groupBy("h3_cell")
            .agg(sum("event_count").as("events"))
            .orderBy(col("events").desc())
            .limit(2 * world.truth.hotspots().size())
            .collectAsList();
    Set<Long> topCells = new HashSet<>();
    top.forEach(r -> topCells.add(r.getLong(0)));
    for (Truth.Hotspot hotspot : world.truth.hotspots()) {
      Row lonLat =
          SharedSpark.session()
              .sql(
                  "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_Point("
                      + hotspot.x()
                      + ", "
                      + hotspot.y()
                      + "), 'EPSG:27700', 'EPSG:4326') AS p)")
              .first();
      long cell =
          h3.latLngToCell(lonLat.getDouble(1), lonLat.getDouble(0), world.truth.h3Resolution());
      assertThat(topCells).as("cell of hot-spot " + hotspot.id()).contains(cell);
    }
  }

  /** Map columns cannot be grouped on, which a row-set comparison does: compare them as JSON. */
  private static Dataset<Row> comparable(Dataset<Row> data) {
    for (var field : data.schema().fields()) {
      if (field.dataType() instanceof org.apache.spark.sql.types.MapType) {
        data =
            data.withColumn(
                field.name(), org.apache.spark.sql.functions.to_json(col(field.name())));
      }
    }
    return data;
  }

  @Test
  void aRerunReadsNoFileTwice() {
    Runner.Outcome rerun = world.run(false);
    assertThat(rerun.failures()).isEmpty();
    assertThat(rerun.results())
        .filteredOn(r -> r.job().equals("ingest"))
        .allSatisfy(r -> assertThat(r.rowsRead()).as(r.target()).isZero());
  }

  @Test
  void rerunningTheSameIntervalChangesNoTable() {
    List<String> tables =
        List.of(
            "bronze.england__cad",
            "bronze.england__rms",
            "bronze.england__wards",
            Quarantine.TABLE.toString(),
            "silver.area",
            "silver.incident",
            "silver.crime",
            "gold.crime_counts_daily",
            "gold.hotspot_h3");
    Map<String, List<Row>> before = new HashMap<>();
    tables.forEach(t -> before.put(t, table(t).collectAsList()));
    JavaDataFrameSuiteBase frames = new JavaDataFrameSuiteBase();
    for (boolean reprocess : new boolean[] {false, true}) {
      Runner.Outcome rerun = world.run(reprocess);
      assertThat(rerun.failures()).isEmpty();
      long read = rerun.results().stream().mapToLong(JobResult::rowsRead).sum();
      if (reprocess) {
        assertThat(read).as("a backfill reads every file again").isPositive();
      }
      for (String t : tables) {
        Dataset<Row> after = table(t);
        frames.assertDataFrameDataEquals(
            comparable(SharedSpark.session().createDataFrame(before.get(t), after.schema())),
            comparable(after));
      }
    }
  }
}
