package org.bluelamp.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.contract.BuiltInRule;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.lake.TableName;
import org.bluelamp.synth.Truth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conformed silver model of the three-force world against the generator's truth: one table per
 * entity, links as planted, ICCS coverage, counts under the counting rules, and every planted
 * coding error in the report a force sends its services.
 */
class TestConformedModel {
  private static SampleWorld world;

  @BeforeAll
  static void runWorld() {
    world = SampleWorld.get();
    assertThat(world.firstRun.failures()).isEmpty();
  }

  private static Dataset<Row> table(String name) {
    return world.lake.read(TableName.of(name));
  }

  private static List<Truth.Defect> defects() {
    return world.truths.stream().flatMap(t -> t.defects().stream()).toList();
  }

  @Test
  void everyEntityHasATableOfAllForcesWithUniqueDeterministicKeys() {
    for (EntitySpec entity : world.pipelines.entities().values()) {
      Dataset<Row> silver = table(TableName.silver(entity.name()).toString());
      long rows = silver.count();
      assertThat(rows).as(entity.name()).isPositive();
      assertThat(silver.select(entity.keyColumn()).distinct().count())
          .as(entity.name() + " keys")
          .isEqualTo(rows);
      Set<String> forces = new HashSet<>();
      silver.select("force_id").distinct().collectAsList().forEach(r -> forces.add(r.getString(0)));
      Set<String> feeding = new HashSet<>();
      world.pipelines.feeding(entity.name()).forEach(s -> feeding.add(s.force()));
      assertThat(forces).as(entity.name() + " forces").isEqualTo(feeding);
    }
    for (String entity : List.of("incident", "crime", "population", "stop", "area")) {
      assertThat(table("silver." + entity).select("force_id").distinct().count())
          .as(entity + " in every force")
          .isEqualTo(3);
    }
  }

  @Test
  void everyLocatedRecordCarriesItsWardBeatAndSmallArea() {
    int checked = 0;
    for (EntitySpec entity : world.pipelines.entities().values()) {
      if (entity.areas().isEmpty()) {
        continue;
      }
      assertThat(entity.areas()).containsExactly("ward", "beat", "small_area");
      Dataset<Row> located =
          table(TableName.silver(entity.name()).toString()).filter("x_m IS NOT NULL");
      for (String area : entity.areas()) {
        assertThat(located.filter(col(area + "_id").isNull()).count())
            .as(entity.name() + " rows without a " + area)
            .isZero();
      }
      checked += (int) located.count();
    }
    assertThat(checked).isGreaterThan(1_000);
  }

  @Test
  void everySilverColumnIsInTheDataDictionary() {
    for (EntitySpec entity : world.pipelines.entities().values()) {
      Set<String> documented = new HashSet<>(entity.silverColumns().keySet());
      Set<String> actual = Set.of(table(TableName.silver(entity.name()).toString()).columns());
      assertThat(documented).as(entity.name()).containsAll(actual);
    }
  }

  @Test
  void arrestsLinkToTheCrimeAndPersonRecordTheyWerePlantedWith() throws IOException {
    Map<String, String> identity = identities("england");
    Set<String> rejectedCrimes = rejectedKeys("england__rms");
    Set<String> rejectedPersons = rejectedKeys("england__nominals");
    List<Row> arrests =
        table("silver.arrest")
            .alias("a")
            .join(
                table("silver.crime").alias("c"),
                col("a.force_id")
                    .equalTo(col("c.force_id"))
                    .and(col("a.crime_id").equalTo(col("c.crime_id"))),
                "left")
            .join(
                table("silver.person_record").alias("p"),
                col("a.force_id")
                    .equalTo(col("p.force_id"))
                    .and(col("a.person_record_id").equalTo(col("p.person_record_id"))),
                "left")
            .select(
                col("a.arrest_id"),
                col("a.crime_id"),
                col("c.crime_id").as("linked_crime"),
                col("a.person_record_id"),
                col("p.person_record_id").as("linked_person"),
                col("p.person_role"))
            .collectAsList();
    assertThat(arrests).hasSizeGreaterThan(5);
    int linked = 0;
    for (Row arrest : arrests) {
      String id = arrest.getString(0);
      if (arrest.isNullAt(2)) {
        assertThat(rejectedCrimes).as(id + " has no crime").contains(arrest.getString(1));
      }
      if (arrest.isNullAt(4)) {
        assertThat(rejectedPersons).as(id + " has no person").contains(arrest.getString(3));
        continue;
      }
      assertThat(arrest.getString(5)).as(id + " role").isEqualTo("offender");
      assertThat(identity.get("england__nominals|" + arrest.getString(3)))
          .as(id + " arrested person")
          .isEqualTo(identity.get("england__arrests|" + id));
      linked++;
    }
    assertThat(linked).isGreaterThanOrEqualTo(arrests.size() / 2);
  }

  private static Set<String> rejectedKeys(String source) {
    return defects().stream()
        .filter(d -> d.source().equals(source))
        .map(Truth.Defect::key)
        .collect(Collectors.toSet());
  }

  /** source|key -> the true identity behind the record (the generator's identities file). */
  private static Map<String, String> identities(String force) throws IOException {
    Truth truth = world.truth(force);
    Path file = world.dir.resolve("truth").resolve(truth.identitiesFile());
    Map<String, String> identity = new HashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      identity.put(cells[0] + "|" + cells[1], cells[2]);
    }
    return identity;
  }

  @Test
  void everyOffenceCodeMapsToIccs() {
    List<Row> coverage = table("gold.crime_iccs_coverage").collectAsList();
    assertThat(coverage)
        .extracting(r -> r.<String>getAs("force_id"))
        .contains("belgium", "england", "lebanon");
    assertThat(coverage)
        .allSatisfy(r -> assertThat((Boolean) r.getAs("mapped")).as(r.toString()).isTrue());
    assertThat(table("silver.crime").filter("NOT iccs_mapped").count()).isZero();
  }

  @Test
  void crossForceMonthlyCountsEqualTheTruthMappedToIccs() throws IOException {
    Map<String, Long> expected = new HashMap<>();
    for (Truth truth : world.truths) {
      Map<String, String> iccs = iccsOfOffences(truth.force());
      for (Truth.DailyCount count : truth.crimeCountsDaily()) {
        String code = iccs.get(count.offenceCode());
        String levels =
            code.substring(0, 2) + "|" + (code.length() >= 4 ? code.substring(0, 4) : null);
        String month = count.localDate().substring(0, 8) + "01";
        expected.merge(
            String.join("|", truth.force(), "ward", String.valueOf(count.wardId()), levels, month),
            count.count(),
            Long::sum);
        expected.merge(
            String.join("|", truth.force(), "force", truth.force(), levels, month),
            count.count(),
            Long::sum);
      }
    }
    Map<String, Long> actual = new HashMap<>();
    for (Row row :
        table("gold.crossforce_iccs_monthly")
            .select(
                col("force_id"),
                col("area_type"),
                col("area_id"),
                col("iccs_level1"),
                col("iccs_level2"),
                col("month").cast("string"),
                col("crime_count"),
                col("population"))
            .collectAsList()) {
      actual.put(
          String.join(
              "|",
              row.getString(0),
              row.getString(1),
              String.valueOf(row.getString(2)),
              row.getString(3),
              String.valueOf(row.getString(4)),
              row.getString(5)),
          row.getLong(6));
      if (row.getString(2) != null) {
        assertThat(row.isNullAt(7)).as("population of " + row).isFalse();
      }
    }
    assertThat(actual).isEqualTo(expected);
    long multiVictim = table("silver.crime").filter("counted_crimes > 1").count();
    long absorbed = table("silver.crime").filter("counted_crimes = 0").count();
    assertThat(multiVictim).as("crimes counting once per victim").isPositive();
    assertThat(absorbed).as("crimes absorbed by a principal crime").isPositive();
  }

  /** The force's offence code -> ICCS code, read straight from its code list. */
  private static Map<String, String> iccsOfOffences(String force) throws IOException {
    Path list = world.pipelines.codeListFile(force + "/offences");
    List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, String> iccs = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      iccs.put(cells[header.indexOf("code")], cells[header.indexOf("iccs")]);
    }
    return iccs;
  }

  @Test
  void everyPlantedDefectIsACodingErrorOfItsCategoryAndService() {
    Map<String, String[]> reported = new HashMap<>();
    for (Row row :
        table("gold.dq_coding_errors")
            .select("source", "file", "offset", "rule", "category", "service", "status")
            .collectAsList()) {
      reported.put(
          row.getString(0) + " " + row.getString(1) + ":" + row.getLong(2) + " " + row.getString(3),
          new String[] {row.getString(4), row.getString(5), row.getString(6)});
    }
    List<Truth.Defect> defects = defects();
    assertThat(defects).hasSizeGreaterThan(200);
    for (Truth.Defect defect : defects) {
      String where =
          defect.source() + " " + defect.file() + ":" + defect.line() + " " + defect.rule();
      assertThat(reported).as(where).containsKey(where);
      assertThat(reported.get(where))
          .as(where)
          .containsExactly(
              BuiltInRule.of(defect.rule()).orElseThrow().category(),
              defect.service(),
              "quarantined");
    }
  }

  @Test
  void everyPlantedWarningIsACodingErrorOfTheAcceptedRecord() {
    Set<String> expected =
        world.truths.stream()
            .flatMap(t -> t.warnings().stream())
            .map(w -> String.join(" ", w.source(), w.key(), w.category(), w.service()))
            .collect(Collectors.toSet());
    assertThat(expected)
        .anyMatch(w -> w.contains("impossible_time"))
        .anyMatch(w -> w.contains("code_description_mismatch"));
    Set<String> actual =
        table("gold.dq_coding_errors")
            .filter("status = 'accepted'")
            .select("source", "record_key", "category", "service")
            .collectAsList()
            .stream()
            .map(
                r ->
                    String.join(
                        " ", r.getString(0), r.getString(1), r.getString(2), r.getString(3)))
            .collect(Collectors.toSet());
    assertThat(actual).isEqualTo(expected);
    assertThat(table("gold.dq_coding_errors").filter("category = 'uncatalogued'").count()).isZero();
  }

  @Test
  void silverCoverageDescribesEveryEntityColumnOfEveryForce() {
    Dataset<Row> coverage = table("ops.silver_coverage");
    for (EntitySpec entity : world.pipelines.entities().values()) {
      assertThat(coverage.filter(col("entity").equalTo(entity.name())).count())
          .as(entity.name())
          .isPositive();
    }
    assertThat(coverage.filter("completeness < 0 OR completeness > 1 OR validity > 1").count())
        .isZero();
    Row grade =
        coverage
            .filter("entity = 'incident' AND `column` = 'grade' AND force_id = 'england'")
            .first();
    assertThat((Double) grade.getAs("completeness")).isEqualTo(1.0);
  }
}
