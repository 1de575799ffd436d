package org.bluelamp.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.security.AccessPolicy;
import org.bluelamp.security.AccessRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gold model that carries a PII column under another name and does not declare it (a fixture
 * model, the mistake a new model makes) is stored with the column's pseudonym and served masked,
 * because its PII follows from what it reads; served without its recorded lineage, it is refused to
 * roles without PII.
 */
class TestDerivedPii {
  @Test
  void anUndeclaredPiiColumnIsDerivedPseudonymisedAndMasked(@TempDir Path dir) throws Exception {
    Lake lake = new Lake(SharedSpark.session(), dir.resolve("lake").toString());
    lake.overwrite(
        TableName.silver("person_record"),
        lake.spark()
            .sql(
                "SELECT 'england' AS force_id, 'r' || id AS person_record_id,"
                    + " CASE WHEN id % 2 = 0 THEN 'SMITH' ELSE 'JONES' END AS surname,"
                    + " 'c' || id AS crime_id FROM range(6)"));
    lake.register(TableName.silver("person_record"));
    Path sql = dir.resolve("sql");
    Files.createDirectories(sql.resolve("gold/fixture"));
    Files.writeString(
        sql.resolve("gold/fixture/names.sql"),
        "SELECT force_id, lower(surname) AS family, count(*) AS records"
            + " FROM silver.person_record GROUP BY force_id, lower(surname)");
    Files.writeString(
        sql.resolve("gold/fixture/names.yml"),
        String.join(
            "\n",
            "description: Records per family name (a fixture that forgets to declare PII).",
            "owner: tests",
            "grain: [force_id, family]",
            "columns:",
            "  - {name: force_id, description: \"The force.\"}",
            "  - {name: family, description: \"The family name, lower case.\"}",
            "  - {name: records, description: \"Person records.\"}",
            ""));
    Pipelines pipelines = Pipelines.load(Repository.pipelines());
    List<GoldModel> models = GoldModels.discover(sql);
    new GoldModels(lake, pipelines, SharedSpark.PSEUDONYMS, models, Progress.silent())
        .build(models.get(0));

    Map<String, Boolean> pii = new TreeMap<>();
    for (Row row :
        lake.read(Tables.COLUMN_LINEAGE)
            .filter("table_name = 'gold.fixture_names'")
            .collectAsList()) {
      pii.put(row.getAs("column_name"), row.getAs("pii"));
    }
    assertThat(pii)
        .containsEntry("family", true)
        .containsEntry("records", false)
        .containsEntry("force_id", false)
        .containsEntry("family_pseudonym", false);
    assertThat(
            lake.read(TableName.gold("fixture_names"))
                .filter("family_pseudonym LIKE 'pk\\\\_%'")
                .count())
        .isEqualTo(2);

    AccessPolicy policy = AccessPolicy.load(Repository.sql().resolve("access/roles.yml"));
    AccessRules.Declared declared =
        AccessRules.Declared.untraced(List.of(), Set.of(), Set.of())
            .traced(Set.of("family"), Map.of());
    Map<String, String> columns =
        Map.of(
            "force_id",
            "varchar",
            "family",
            "varchar",
            "family_pseudonym",
            "varchar",
            "records",
            "bigint");
    AccessRules.Rules served =
        AccessRules.generate(
            policy,
            List.of(
                new AccessRules.ServedTable(TableName.gold("fixture_names"), columns, declared)));
    assertThat(served.granted().get("analyst")).containsExactly(TableName.gold("fixture_names"));
    assertThat(served.json()).contains("\"mask\" : \"\\\"family_pseudonym\\\"\"");
    AccessRules.Rules untraced =
        AccessRules.generate(
            policy,
            List.of(
                new AccessRules.ServedTable(
                    TableName.gold("fixture_names"),
                    columns,
                    AccessRules.Declared.untraced(List.of(), Set.of(), Set.of()))));
    assertThat(untraced.granted().get("analyst")).isEmpty();
  }
}
