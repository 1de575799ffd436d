package org.bluelamp.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bluelamp.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped gold models load (SQL file or Java builder, YAML docs and tests) without building
 * anything.
 */
class TestGoldModelDeclarations {
  @Test
  void everyShippedModelLoadsAndIsOrderedAfterTheModelsItReads() {
    List<GoldModel> models = GoldModels.discover(Repository.root().resolve("sql"));
    List<String> names = models.stream().map(GoldModel::name).toList();
    assertThat(names)
        .contains(
            "crime_counts_daily",
            "crime_iccs_coverage",
            "crossforce_iccs_monthly",
            "dq_coding_errors",
            "dq_coding_errors_weekly",
            "hotspot_h3",
            "compstat_weekly",
            "mayor_weekly",
            "response_times",
            "demand_vs_availability",
            "penalty_notice_timeliness",
            "targets_progress",
            "supervisor_live",
            "soc_ward_picture",
            "hotspot_grid",
            "hotspot_gi_star",
            "hotspot_emerging",
            "hotspot_kde",
            "hotspot_near_repeat",
            "hotspot_time_heat",
            "person_link");
    GoldModel giStar = models.get(names.indexOf("hotspot_gi_star"));
    assertThat(giStar.isBuilt()).isTrue();
    assertThat(giStar.builder()).isEqualTo("getis_ord_gi_star");
    assertThat(giStar.silverReads()).containsExactlyInAnyOrder("crime", "incident", "area");
    GoldModel persons = models.get(names.indexOf("person_link"));
    assertThat(persons.builder()).isEqualTo("person_resolution");
    assertThat(persons.silverReads()).contains("person_record", "stop", "arrest", "call");
    assertThat(names.indexOf("dq_coding_errors"))
        .isLessThan(names.indexOf("dq_coding_errors_weekly"));
    assertThat(names.indexOf("compstat_weekly"))
        .isLessThan(names.indexOf("mayor_weekly"))
        .isLessThan(names.indexOf("targets_progress"));
    assertThat(models)
        .allSatisfy(
            m -> {
              assertThat(m.grain()).as(m.name()).isNotEmpty();
              assertThat(m.owner()).as(m.name()).isNotBlank();
              assertThat(m.columns()).as(m.name()).isNotEmpty();
            });
  }

  private static void write(Path sql, String yaml) throws IOException {
    Files.createDirectories(sql.resolve("gold/spatial"));
    Files.writeString(
        sql.resolve("gold/spatial/cells.yml"),
        "description: d\nowner: o\ngrain: [force_id]\ncolumns:\n"
            + "  - {name: force_id, description: f}\n"
            + yaml);
  }

  @Test
  void aBuiltModelNamesAKnownBuilderAndTheTablesItReads(@TempDir Path sql) throws IOException {
    write(sql, "built_by: square_grid_count\nreads: [silver.crime]\n");
    assertThatThrownBy(() -> GoldModels.discover(sql))
        .hasMessageContaining("no Java builder is named 'square_grid_count'")
        .hasMessageContaining("square_grid_counts");
    write(sql, "built_by: square_grid_counts\n");
    assertThatThrownBy(() -> GoldModels.discover(sql))
        .hasMessageContaining("must list the tables its builder reads");
    write(sql, "reads: [silver.crime]\n");
    assertThatThrownBy(() -> GoldModels.discover(sql))
        .hasMessageContaining("must name its Java builder");
    write(
        sql,
        "built_by: square_grid_counts\nreads: [silver.crime]\n"
            + "unit_tests: [{name: u, given: {}, expect: []}]\n");
    assertThatThrownBy(() -> GoldModels.discover(sql))
        .hasMessageContaining("its builder is tested in Java");
    write(sql, "built_by: square_grid_counts\nreads: [silver.crime, gold.crime_x]\n");
    GoldModel model = GoldModels.discover(sql).get(0);
    assertThat(model.name()).isEqualTo("spatial_cells");
    assertThat(model.dependsOn()).containsExactly("crime_x");
    assertThat(model.buildAfter()).containsExactly("crime_x");
  }

  @Test
  void aModelIsBuiltAfterTheModelsItsTestsCompareWith() {
    // The shipped Gi* table reconciles with the grid, which it does not read: built concurrently,
    // its test once read the grid of another lake (CI, 2026-11-29).
    List<GoldModel> models = GoldModels.discover(Repository.sql());
    GoldModel gi = GoldModels.select(models, List.of("hotspot_gi_star")).get(0);
    assertThat(gi.dependsOn()).doesNotContain("hotspot_grid");
    assertThat(gi.buildAfter()).contains("hotspot_grid").doesNotContain("hotspot_gi_star");
    List<String> names = models.stream().map(GoldModel::name).toList();
    assertThat(names.indexOf("hotspot_grid")).isLessThan(names.indexOf("hotspot_gi_star"));
  }

  @Test
  void aModelWithSqlCannotAlsoNameABuilder(@TempDir Path sql) throws IOException {
    write(sql, "built_by: square_grid_counts\n");
    Files.writeString(sql.resolve("gold/spatial/cells.sql"), "SELECT 'x' AS force_id");
    assertThatThrownBy(() -> GoldModels.discover(sql))
        .hasMessageContaining("is built by its query");
  }

  @Test
  void oneModelCanBeSelectedByItsOrItsTablesNameAndAnUnknownNameIsRefusedWithTheKnownOnes() {
    List<GoldModel> models = GoldModels.discover(Repository.root().resolve("sql"));
    assertThat(GoldModels.select(models, List.of("mayor_weekly")))
        .extracting(GoldModel::name)
        .containsExactly("mayor_weekly");
    assertThat(GoldModels.select(models, List.of("gold.mayor_weekly"))) // the table's name
        .extracting(GoldModel::name)
        .containsExactly("mayor_weekly");
    assertThatThrownBy(() -> GoldModels.select(models, List.of("compstat")))
        .hasMessageContaining("No gold model named 'compstat'")
        .hasMessageContaining("compstat_weekly");
  }
}
