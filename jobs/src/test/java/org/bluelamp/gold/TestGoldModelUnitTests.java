package org.bluelamp.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bluelamp.BluelampException;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped model's unit tests pass on their hand-built rows (no lake needed), and a wrong
 * expectation fails naming the model, its file, the unit test and the rows that differ.
 */
class TestGoldModelUnitTests {
  @TempDir static Path lake;

  private static GoldModels models(List<GoldModel> models) {
    return new GoldModels(
        new Lake(SharedSpark.session(), lake.toString()),
        Pipelines.load(Repository.root().resolve("pipelines")),
        SharedSpark.PSEUDONYMS,
        models,
        Progress.silent());
  }

  @Test
  void everyShippedModelPassesItsUnitTests() {
    List<GoldModel> shipped = GoldModels.discover(Repository.root().resolve("sql"));
    assertThat(shipped.stream().filter(m -> !m.unitTests().isEmpty()).map(GoldModel::name))
        .contains(
            "compstat_weekly",
            "mayor_weekly",
            "response_times",
            "penalty_notice_timeliness",
            "supervisor_live",
            "demand_vs_availability",
            "targets_progress",
            "soc_ward_picture",
            "crime_counts_daily");
    shipped.forEach(models(shipped)::runUnitTests);
  }

  @Test
  void aWrongExpectationFailsWithTheRowsThatDiffer(@TempDir Path sql) throws IOException {
    Path domain = Files.createDirectories(sql.resolve("gold/crime"));
    Files.writeString(
        domain.resolve("per_force.sql"),
        "SELECT force_id, sum(counted_crimes) AS crimes FROM silver.crime GROUP BY force_id");
    Files.writeString(
        domain.resolve("per_force.yml"),
        """
        description: Crimes per force.
        owner: tests
        grain: [force_id]
        columns:
          - {name: force_id, description: The force.}
          - {name: crimes, description: Counted crimes.}
        unit_tests:
          - name: two crimes
            given:
              silver.crime:
                - {force_id: england, crime_id: A, counted_crimes: 1}
                - {force_id: england, crime_id: B, counted_crimes: 2}
            expect:
              - {force_id: england, crimes: 4}
        """);
    GoldModel model = GoldModels.discover(sql).get(0);
    assertThatThrownBy(() -> models(List.of(model)).runUnitTests(model))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("crime_per_force")
        .hasMessageContaining("per_force.sql")
        .hasMessageContaining("unit test 'two crimes' failed")
        .hasMessageContaining("{force_id=england, crimes=4}")
        .hasMessageContaining("{force_id=england, crimes=3}");
  }

  @Test
  void aColumnTheDictionaryDoesNotKnowIsNamed(@TempDir Path sql) throws IOException {
    Path domain = Files.createDirectories(sql.resolve("gold/crime"));
    Files.writeString(domain.resolve("all.sql"), "SELECT crime_id FROM silver.crime");
    Files.writeString(
        domain.resolve("all.yml"),
        """
        description: Crimes.
        owner: tests
        grain: [crime_id]
        columns:
          - {name: crime_id, description: The crime.}
        unit_tests:
          - name: a typo
            given:
              silver.crime:
                - {crime_idd: A}
            expect:
              - {crime_id: A}
        """);
    GoldModel model = GoldModels.discover(sql).get(0);
    assertThatThrownBy(() -> models(List.of(model)).runUnitTests(model))
        .hasMessageContaining("silver.crime has no column 'crime_idd'");
  }

  @Test
  void aBuiltTableFailingAColumnTestNamesTheTestAndTheValues(@TempDir Path sql) throws IOException {
    Path domain = Files.createDirectories(sql.resolve("gold/demo"));
    Files.writeString(
        domain.resolve("areas.sql"),
        "SELECT * FROM VALUES ('a', 'ward'), ('b', 'county'), ('c', NULL) AS t(area_id, area_type)");
    Files.writeString(
        domain.resolve("areas.yml"),
        """
        description: Areas.
        owner: tests
        grain: [area_id]
        columns:
          - {name: area_id, description: The area., tests: [not_null]}
          - {name: area_type, description: Its type., accepted_values: [ward, force]}
        """);
    GoldModel model = GoldModels.discover(sql).get(0);
    assertThatThrownBy(() -> models(List.of(model)).build(model))
        .hasMessageContaining("demo_areas")
        .hasMessageContaining(
            "test accepted_values(area_type) failed: 1 row(s) outside [ward, force], e.g. [county]");
  }
}
