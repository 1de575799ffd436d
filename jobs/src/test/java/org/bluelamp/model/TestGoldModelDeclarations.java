package org.bluelamp.model;

import static org.assertj.core.api.Assertions.assertThat;

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
            "hotspot_h3");
    assertThat(names.indexOf("dq_coding_errors"))
        .isLessThan(names.indexOf("dq_coding_errors_weekly"));
    assertThat(models).allSatisfy(m -> assertThat(m.grain()).as(m.name()).isNotEmpty());
  }
}
