package org.bluelamp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bluelamp.Repository;
import org.junit.jupiter.api.Test;

/** The shipped gold models load (SQL file, YAML docs and tests) without building anything. */
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
            "soc_ward_picture");
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

  @Test
  void oneModelCanBeSelectedAndAnUnknownNameIsRefusedWithTheKnownOnes() {
    List<GoldModel> models = GoldModels.discover(Repository.root().resolve("sql"));
    assertThat(GoldModels.select(models, List.of("mayor_weekly")))
        .extracting(GoldModel::name)
        .containsExactly("mayor_weekly");
    assertThatThrownBy(() -> GoldModels.select(models, List.of("compstat")))
        .hasMessageContaining("No gold model named 'compstat'")
        .hasMessageContaining("compstat_weekly");
  }
}
