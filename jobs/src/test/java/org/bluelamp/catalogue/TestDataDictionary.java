package org.bluelamp.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bluelamp.Repository;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Pipelines;
import org.junit.jupiter.api.Test;

class TestDataDictionary {
  private static final Pipelines PIPELINES = Pipelines.load(Repository.root().resolve("pipelines"));

  @Test
  void theCommittedDictionaryIsUpToDate() throws IOException {
    Path committed = Repository.root().resolve("docs/data-dictionary.md");
    assertThat(Files.readString(committed, StandardCharsets.UTF_8))
        .as("docs/data-dictionary.md is stale: run ./bluelamp docs and commit it")
        .isEqualTo(DataDictionary.render(PIPELINES));
  }

  @Test
  void everyColumnHasADescriptionAndPersonalDetailsAreMarked() {
    for (EntitySpec entity : PIPELINES.entities().values()) {
      entity
          .silverColumns()
          .forEach(
              (name, entry) ->
                  assertThat(entry.description()).as(entity.name() + "." + name).isNotBlank());
    }
    assertThat(PIPELINES.entities().get("person_record").silverColumns().get("surname").pii())
        .isTrue();
    assertThat(PIPELINES.entities().get("crime").silverColumns().get("iccs_level1").pii())
        .isFalse();
  }
}
