package org.bluelamp.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uber.h3core.H3Core;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.SharedSpark;
import org.bluelamp.cli.Runner;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.synth.Truth;
import org.bluelamp.synth.WorldGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The three-force sample world (46 sources, every reader kind, PostgreSQL and MariaDB) through
 * every layer, checked against what the generator planted and against oracles that share no code
 * with the pipeline.
 */
class TestSampleWorldPipeline {
  private static SampleWorld world;

  @BeforeAll
  static void runWorld() {
    world = SampleWorld.get();
    assertThat(world.firstRun.failures()).isEmpty();
  }

  private static List<Truth.Defect> defects() {
    return world.truths.stream().flatMap(t -> t.defects().stream()).toList();
  }

  private static Map<String, Truth.SourceTruth> sources() {
    Map<String, Truth.SourceTruth> sources = new HashMap<>();
    world.truths.forEach(t -> sources.putAll(t.sources()));
    return sources;
  }

  private static Dataset<Row> table(String name) {
    return world.lake.read(TableName.of(name));
  }

  @Test
  void everyPlantedDefectIsQuarantinedWithItsRuleAndNothingElseIs() {
    Set<String> planted =
        defects().stream()
            .map(d -> d.source() + " " + d.file() + ":" + d.line() + " " + d.rule())
            .collect(Collectors.toSet());
    Set<String> quarantined =
        table(Tables.QUARANTINE.toString()).collectAsList().stream()
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
    assertThat(planted).hasSizeGreaterThan(200);
    assertThat(quarantined).isEqualTo(planted);
  }

  @Test
  void quarantineNamesTheValueAndTheExpectedForm() {
    Row badDate =
        table(Tables.QUARANTINE.toString())
            .filter(col("rule").equalTo("parse:received_at"))
            .filter(col("_source").equalTo("england__cad"))
            .first();
    assertThat((String) badDate.getAs("column")).isEqualTo("CALL_RECEIVED");
    assertThat((String) badDate.getAs("reason"))
        .contains("is not a valid timestamp in the format dd/MM/yyyy HH:mm:ss")
        .contains("25:61");
    assertThat((String) badDate.getAs("record")).startsWith("EN-INC-");
  }

  @Test
  void recordsReadEqualAcceptedPlusQuarantinedForEverySource() {
    Map<String, Long> defects =
        defects().stream()
            .collect(Collectors.groupingBy(Truth.Defect::source, Collectors.counting()));
    assertThat(sources()).hasSizeGreaterThanOrEqualTo(30);
    for (JobResult result : world.firstRun.results()) {
      assertThat(result.reconciles()).as(result.target()).isTrue();
    }
    for (Map.Entry<String, Truth.SourceTruth> source : sources().entrySet()) {
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

  @Test
  void coverageHoldsEverySourceWithItsBronzeRowCount() {
    Map<String, Long> accepted = new HashMap<>();
    for (Row row :
        table("ops.source_coverage").groupBy("source").agg(max("accepted_rows")).collectAsList()) {
      accepted.put(row.getString(0), row.getLong(1));
    }
    assertThat(accepted.keySet()).containsExactlyInAnyOrderElementsOf(sources().keySet());
    sources()
        .keySet()
        .forEach(
            source ->
                assertThat(accepted.get(source))
                    .as(source)
                    .isEqualTo(table("bronze." + source).count()));
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
    defects().stream()
        .filter(d -> !d.rule().equals("duplicate_record"))
        .forEach(d -> rejectedKeys.merge(d.source(), 1L, Long::sum));
    for (String entity : List.of("incident", "crime")) {
      long expected =
          world.pipelines.feeding(entity).stream()
              .mapToLong(
                  s -> sources().get(s.id()).distinctKeys() - rejectedKeys.getOrDefault(s.id(), 0L))
              .sum();
      assertThat(table("silver." + entity).count()).as(entity).isEqualTo(expected);
    }
    List<Truth.Update> closings =
        world.truths.stream()
            .flatMap(t -> t.updates().stream())
            .filter(u -> u.column().equals("closed_at"))
            .toList();
    assertThat(closings).extracting(Truth.Update::source).contains("england__cad");
    Map<String, String> closed = new HashMap<>();
    table("silver.incident")
        .select(col("incident_id"), col("closed_local").cast("string"))
        .collectAsList()
        .forEach(r -> closed.put(r.getString(0), r.getString(1)));
    for (Truth.Update update : closings) {
      assertThat(closed.get(update.key()))
          .as(update.key())
          .isEqualTo(update.value().replace('T', ' '));
    }
  }

  @Test
  void everyRecordsWardEqualsABruteForcePointInPolygonOracle() throws IOException {
    GeometryFactory geometry = new GeometryFactory();
    int checked = 0;
    for (String force : List.of("england", "belgium", "lebanon")) {
      Map<String, Polygon> wards = wardsFromLanding(force);
      for (String entity : List.of("silver.incident", "silver.crime")) {
        for (Row row :
            table(entity)
                .filter(col("force_id").equalTo(force))
                .select("x_m", "y_m", "ward_id")
                .collectAsList()) {
          Point point = geometry.createPoint(new Coordinate(row.getDouble(0), row.getDouble(1)));
          String expected =
              wards.entrySet().stream()
                  .filter(w -> w.getValue().contains(point))
                  .map(Map.Entry::getKey)
                  .findFirst()
                  .orElse(null);
          assertThat(row.getString(2)).as(force + " ward of " + point).isEqualTo(expected);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(500);
  }

  @Test
  void everyRecordsNearestStreetEqualsABruteForceOracle() throws IOException {
    Map<String, LineString> streets = streetsFromLanding();
    double search = EntitySpec.NEAREST_WITHIN_METRES;
    GeometryFactory geometry = new GeometryFactory();
    int onStreet = 0;
    int offStreet = 0;
    for (String entity : List.of("silver.collision", "silver.incident", "silver.crime")) {
      for (Row row :
          table(entity)
              .filter(col("force_id").equalTo("england").and(col("x_m").isNotNull()))
              .select("x_m", "y_m", "street_id", "street_distance_m")
              .collectAsList()) {
        Point point = geometry.createPoint(new Coordinate(row.getDouble(0), row.getDouble(1)));
        // Every street measured; the nearest within the search distance, ties to the lower id.
        Map.Entry<String, Double> nearest =
            streets.entrySet().stream()
                .map(s -> Map.entry(s.getKey(), s.getValue().distance(point)))
                .filter(s -> s.getValue() <= search)
                .min(
                    Map.Entry.<String, Double>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey()))
                .orElse(null);
        if (nearest == null) {
          assertThat(row.isNullAt(2)).as(entity + " " + point + " is off every street").isTrue();
          offStreet++;
        } else {
          assertThat(row.getString(2))
              .as(entity + " street of " + point)
              .isEqualTo(nearest.getKey());
          assertThat(row.getDouble(3)).isCloseTo(nearest.getValue(), within(0.051));
          onStreet++;
        }
      }
    }
    assertThat(onStreet).as("records on a street").isGreaterThan(100);
    assertThat(offStreet).as("records off the network").isPositive();
    assertThat(
            table("silver.incident")
                .filter("force_id <> 'england' AND street_id IS NOT NULL")
                .count())
        .as("forces without a street layer have no street")
        .isZero();
  }

  /** England's street network as landed (GeoJSON lines), read with Jackson and JTS only. */
  private static Map<String, LineString> streetsFromLanding() throws IOException {
    SourceContract layer = world.pipelines.source("england/streets");
    Path dir = WorldGenerator.landing(world.dir).resolve(layer.reader().path());
    GeometryFactory geometry = new GeometryFactory();
    Map<String, LineString> streets = new LinkedHashMap<>();
    String code = layer.column("street_id").orElseThrow().from();
    for (JsonNode feature : features(dir)) {
      List<Coordinate> line = new ArrayList<>();
      for (JsonNode xy : feature.get("geometry").get("coordinates")) {
        line.add(new Coordinate(xy.get(0).asDouble(), xy.get(1).asDouble()));
      }
      streets.put(
          feature.get("properties").get(code).asText(),
          geometry.createLineString(line.toArray(Coordinate[]::new)));
    }
    return streets;
  }

  /** The features of the one GeoJSON file a landing folder holds. */
  private static JsonNode features(Path dir) throws IOException {
    Path file;
    try (var files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    return new ObjectMapper().readTree(file.toFile()).get("features");
  }

  /** The force's ward layer as landed (GeoJSON), read with Jackson and JTS only. */
  private static Map<String, Polygon> wardsFromLanding(String force) throws IOException {
    SourceContract layer =
        world.pipelines.sources().stream()
            .filter(s -> s.force().equals(force) && s.entity().equals(Optional.of("area")))
            .filter(s -> s.column("area_type").flatMap(c -> c.value()).equals(Optional.of("ward")))
            .findFirst()
            .orElseThrow();
    Path dir = WorldGenerator.landing(world.dir).resolve(layer.reader().path());
    String code = layer.column("area_id").orElseThrow().from();
    GeometryFactory geometry = new GeometryFactory();
    Map<String, Polygon> wards = new LinkedHashMap<>();
    for (JsonNode feature : features(dir)) {
      List<Coordinate> ring = new ArrayList<>();
      for (JsonNode xy : feature.get("geometry").get("coordinates").get(0)) {
        ring.add(new Coordinate(xy.get(0).asDouble(), xy.get(1).asDouble()));
      }
      wards.put(
          feature.get("properties").get(code).asText(),
          geometry.createPolygon(ring.toArray(Coordinate[]::new)));
    }
    return wards;
  }

  @Test
  void dailyCrimeCountsEqualTheGeneratorsTruth() {
    Map<String, Long> perDay = new HashMap<>();
    world.truths.stream()
        .flatMap(t -> t.crimeCountsDaily().stream())
        .forEach(
            c ->
                perDay.merge(
                    c.wardId() + "|" + c.category() + "|" + c.localDate(), c.count(), Long::sum));
    Set<String> expected =
        perDay.entrySet().stream()
            .map(e -> e.getKey() + "|" + e.getValue())
            .collect(Collectors.toSet());
    Set<String> actual =
        table("gold.crime_counts_daily")
            .filter("crime_count > 0") // a day whose only crimes were absorbed counts none
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
  void plantedHotspotCentresStandOutOfTheBackgroundWhileActive() throws IOException {
    H3Core h3 = H3Core.newInstance();
    Truth england = world.truth("england");
    List<Row> incidents =
        table("silver.incident")
            .filter(col("force_id").equalTo("england").and(col("lat").isNotNull()))
            .select(col("lat"), col("lon"), col("local_date").cast("string"))
            .collectAsList();
    for (Truth.Hotspot hotspot : england.hotspots()) {
      // Cells counted over the hot-spot's own active days (the third one emerges halfway).
      Map<Long, Long> events = new HashMap<>();
      for (Row row : incidents) {
        String day = row.getString(2);
        if (day.compareTo(hotspot.from()) >= 0 && day.compareTo(hotspot.to()) <= 0) {
          events.merge(
              h3.latLngToCell(row.getDouble(0), row.getDouble(1), england.h3Resolution()),
              1L,
              Long::sum);
        }
      }
      // A cell with its six neighbours: a few days of a small world leave single cells at 1-3
      // events, where ties with the background are chance; the hot-spot's spread spans the disk.
      Map<Long, Long> disks = new HashMap<>();
      for (long center : events.keySet()) {
        disks.put(center, disk(h3, events, center));
      }
      List<Long> counts = disks.values().stream().sorted().toList();
      long background = counts.get((int) (counts.size() * 0.9)); // the 90th percentile of disks
      Row lonLat =
          SharedSpark.session()
              .sql(
                  "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_Point("
                      + hotspot.x()
                      + ", "
                      + hotspot.y()
                      + "), 'EPSG:27700', 'EPSG:4326') AS p)")
              .first();
      long cell = h3.latLngToCell(lonLat.getDouble(1), lonLat.getDouble(0), england.h3Resolution());
      assertThat(disk(h3, events, cell))
          .as("incidents in and around the cell of hot-spot " + hotspot.id() + " while active")
          .isGreaterThan(background);
    }
  }

  private static long disk(H3Core h3, Map<Long, Long> events, long center) {
    return h3.gridDisk(center, 1).stream().mapToLong(c -> events.getOrDefault(c, 0L)).sum();
  }

  /** Map columns cannot be grouped on, which a row-set comparison does: compare them as JSON. */
  /**
   * A table's rows as JSON, sorted: two snapshots are equal when the table holds the same rows
   * (binary columns in base64, maps as objects).
   */
  private static List<String> snapshot(String name) {
    return table(name)
        .select(
            org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(col("*"))))
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList()
        .stream()
        .sorted()
        .toList();
  }

  @Test
  void aRerunReadsNoFileTwiceAndNeitherItNorABackfillNorAMicroBatchChangesAnyTable() {
    // The backfill takes one source of each kind of arrival (daily files, a database, a snapshot)
    // of each force; a whole-world backfill would only repeat the same checks for minutes. The
    // snapshots are ones no located record depends on: new areas would rebuild every located
    // entity, minutes of the same checks again.
    List<SourceContract> subset =
        Stream.of(
                "england/cad",
                "england/rms",
                "england/roster",
                "belgium/appels",
                "belgium/population",
                "lebanon/cad",
                "lebanon/population")
            .map(world.pipelines::source)
            .toList();
    List<String> tables =
        List.of(
            "bronze.england__cad",
            "bronze.england__rms",
            "bronze.england__roster",
            "bronze.belgium__appels",
            "bronze.lebanon__cad",
            Tables.QUARANTINE.toString(),
            "silver.area",
            "silver.incident",
            "silver.crime",
            "silver.officer",
            "silver.population",
            "silver.dq_issue",
            "gold.crime_counts_daily",
            "gold.crossforce_iccs_monthly",
            "gold.dq_coding_errors",
            "gold.hotspot_h3",
            "gold.hotspot_gi_star",
            "gold.hotspot_time_heat",
            "gold.hotspot_collision_cells",
            "gold.hotspot_collision_streets",
            "gold.compstat_weekly",
            "gold.response_times",
            "gold.soc_ward_picture");
    Map<String, List<String>> before = new HashMap<>();
    tables.forEach(t -> before.put(t, snapshot(t)));
    // The rerun reads every source again and finds nothing new; silver and gold are rebuilt from
    // bronze by the backfill below (a rerun would rebuild them the same way, minutes more).
    Runner.Outcome rerun = world.run(List.of(Runner.Layer.BRONZE));
    assertThat(rerun.failures()).isEmpty();
    assertThat(rerun.results())
        .filteredOn(r -> r.job().equals("ingest"))
        .hasSize(world.sources.size())
        .allSatisfy(r -> assertThat(r.rowsRead()).as(r.target()).isZero());
    assertUnchanged(before);
    // Gold rebuilds only the compared models: the first run built and tested every one.
    List<String> models =
        tables.stream().filter(t -> t.startsWith("gold.")).map(t -> t.substring(5)).toList();
    // Two days at a time, as `bluelamp backfill --step`: the corrections in later days' files
    // still win in silver (silver.incident's closing times, checked against the truth by another
    // test, are in the compared tables) and every count stays in its own day.
    Runner.Outcome backfill = world.backfill(subset, java.time.Period.ofDays(2), models);
    assertThat(backfill.failures()).isEmpty();
    List<String> bronze =
        subset.stream().map(s -> "bronze." + s.force() + "__" + s.system()).toList();
    assertThat(backfill.results())
        .filteredOn(r -> r.job().equals("ingest"))
        .as("each source ingested once per interval")
        .hasSize(subset.size() * SampleWorld.DAYS / 2)
        .extracting(JobResult::target)
        .containsOnly(bronze.toArray(String[]::new));
    assertThat(backfill.results().stream().mapToLong(JobResult::rowsRead).sum())
        .as("a backfill reads every file again")
        .isPositive();
    assertUnchanged(before);

    // The 20-minute micro-batch (silver merged from what it lacks, not rebuilt): with nothing new
    // it merges nothing; with a force's incidents lost from silver it brings them back as they
    // were.
    List<SourceContract> cad =
        Stream.of("england/cad", "belgium/appels", "lebanon/cad")
            .map(world.pipelines::source)
            .toList();
    assertThat(silverIncidentMerged(world.microBatch(cad))).isZero();
    assertUnchanged(before);
    long belgian = table("silver.incident").filter("force_id = 'belgium'").count();
    io.delta.tables.DeltaTable.forPath(
            SharedSpark.session(), world.lake.location(new TableName("silver", "incident")))
        .delete("force_id = 'belgium'");
    assertThat(belgian).isPositive();
    assertThat(silverIncidentMerged(world.microBatch(cad))).isEqualTo(belgian);
    assertUnchanged(before);
  }

  private static long silverIncidentMerged(Runner.Outcome outcome) {
    assertThat(outcome.failures()).isEmpty();
    return outcome.results().stream()
        .filter(r -> r.target().equals("silver.incident"))
        .mapToLong(JobResult::rowsWritten)
        .sum();
  }

  private static void assertUnchanged(Map<String, List<String>> before) {
    before.forEach((t, rows) -> assertThat(snapshot(t)).as(t).isEqualTo(rows));
  }
}
