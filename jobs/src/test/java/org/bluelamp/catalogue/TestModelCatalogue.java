package org.bluelamp.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.bluelamp.Repository;
import org.bluelamp.gold.GoldModels;
import org.junit.jupiter.api.Test;

class TestModelCatalogue {
  @Test
  void theCommittedCatalogueIsUpToDateAndListsEveryModel() throws IOException {
    var models = GoldModels.discover(Repository.root().resolve("sql"));
    String rendered = ModelCatalogue.render(models);
    assertThat(
            Files.readString(
                Repository.root().resolve("docs/gold-models.md"), StandardCharsets.UTF_8))
        .as("docs/gold-models.md is stale: run ./bluelamp docs and commit it")
        .isEqualTo(rendered);
    models.forEach(m -> assertThat(rendered).contains("## gold." + m.name()));
  }
}
