package org.bluelamp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.Progress;
import org.bluelamp.SharedSpark;
import org.bluelamp.conform.SilverJob;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Pseudonyms;
import org.bluelamp.lake.TableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the pseudonymisation key (docs/operations.md): the silver job rebuilt under a new key
 * rewrites every pseudonym and person key of the same records, and no pseudonym of the old key is
 * left to match.
 */
class TestPseudonymRotation {
  @Test
  void aNewKeyRebuildsEveryPseudonymAndNoOldOneMatches(@TempDir Path dir) {
    SampleWorld world = SampleWorld.get();
    Lake lake = new Lake(SharedSpark.session(), dir.toString());
    TableName bronze = TableName.bronze("england__nominals");
    lake.overwrite(bronze, world.lake.read(bronze));
    EntitySpec persons = world.pipelines.entities().get("person_record");
    List<String> pseudonymised = persons.pseudonymised();
    assertThat(pseudonymised).contains("surname", "forename", "address", "phone");

    Map<String, Row> before = build(lake, world, Pseudonyms.of("the-old-key-0123456789"));
    Map<String, Row> after = build(lake, world, Pseudonyms.of("the-new-key-9876543210"));

    assertThat(after.keySet()).isEqualTo(before.keySet()).isNotEmpty();
    Set<String> old = new HashSet<>();
    before.values().forEach(r -> old.addAll(values(r)));
    int compared = 0;
    for (Map.Entry<String, Row> row : after.entrySet()) {
      Row was = before.get(row.getKey());
      for (String column : List.of("person_key", "surname_pseudonym")) {
        assertThat(row.getValue().<String>getAs(column))
            .as(column + " of " + row.getKey())
            .isNotEqualTo(was.<String>getAs(column));
      }
      assertThat(values(row.getValue())).as("old pseudonyms left").doesNotContainAnyElementsOf(old);
      compared++;
    }
    assertThat(compared).isEqualTo(before.size());
  }

  private static Map<String, Row> build(Lake lake, SampleWorld world, Pseudonyms key) {
    new SilverJob(lake, world.pipelines, key, Progress.silent())
        .run(
            world.pipelines.entities().get("person_record"),
            List.of(world.pipelines.force("england")));
    Dataset<Row> silver = lake.read(TableName.silver("person_record"));
    Map<String, Row> rows = new java.util.HashMap<>();
    silver.collectAsList().forEach(r -> rows.put(r.getAs("person_record_key"), r));
    return rows;
  }

  /** Every non-empty pseudonym and the person key of a row. */
  private static Set<String> values(Row row) {
    Set<String> values = new HashSet<>();
    for (String column : row.schema().fieldNames()) {
      if ((column.endsWith("_pseudonym") || column.equals("person_key"))
          && row.getAs(column) != null) {
        values.add(row.getAs(column));
      }
    }
    return values;
  }
}
