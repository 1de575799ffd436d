package org.bluelamp.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.SharedSpark;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column lineage read from plans, against what each query plainly does. */
class TestColumnLineage {
  @TempDir static Path dir;
  private static Lake lake;

  @BeforeAll
  static void tables() {
    lake = new Lake(SharedSpark.session(), dir.toString());
    SparkSession spark = lake.spark();
    lake.overwrite(
        TableName.silver("lin_person"),
        spark.sql(
            "SELECT 'england' AS force_id, 'p' || id AS person_id, 'SMITH' AS surname,"
                + " id AS age FROM range(5)"));
    lake.overwrite(
        TableName.silver("lin_crime"),
        spark.sql(
            "SELECT 'england' AS force_id, 'c' || id AS crime_id, 'p' || id AS person_id"
                + " FROM range(5)"));
    lake.register(TableName.silver("lin_person"));
    lake.register(TableName.silver("lin_crime"));
  }

  private static Map<String, Set<String>> lineage(Dataset<Row> built) {
    return ColumnLineage.of(
        built, location -> lake.tableAt(location).map(Object::toString).orElse(null));
  }

  @Test
  void projectionsJoinsAndAggregatesCarryTheColumnsTheyRead() {
    Map<String, Set<String>> columns =
        lineage(
            lake.spark()
                .sql(
                    "SELECT c.force_id, c.crime_id, upper(p.surname) || '/' || p.age AS who,"
                        + " count(*) OVER (PARTITION BY p.person_id) AS n, 'fixed' AS label"
                        + " FROM silver.lin_crime c JOIN silver.lin_person p"
                        + " ON c.person_id = p.person_id WHERE p.surname <> 'X'"));
    assertThat(columns)
        .containsEntry("force_id", Set.of("silver.lin_crime.force_id"))
        .containsEntry("crime_id", Set.of("silver.lin_crime.crime_id"))
        .containsEntry("who", Set.of("silver.lin_person.surname", "silver.lin_person.age"))
        // Counted, not carried: a window over person_id holds none of its values.
        .containsEntry("n", Set.of())
        .containsEntry("label", Set.of());
    Map<String, Set<String>> grouped =
        lineage(
            lake.spark()
                .sql(
                    "SELECT surname AS name, collect_list(person_id) AS ids, count(*) AS n"
                        + " FROM silver.lin_person GROUP BY surname"));
    assertThat(grouped)
        .containsEntry("name", Set.of("silver.lin_person.surname"))
        .containsEntry("ids", Set.of("silver.lin_person.person_id"))
        .containsEntry("n", Set.of());
  }

  @Test
  void aUnionCarriesEachBranchAndRowsMadeAgainAreUnknown() {
    Map<String, Set<String>> union =
        lineage(
            lake.spark()
                .sql(
                    "SELECT person_id AS id FROM silver.lin_crime"
                        + " UNION ALL SELECT surname FROM silver.lin_person"));
    assertThat(union)
        .containsEntry("id", Set.of("silver.lin_crime.person_id", "silver.lin_person.surname"));
    Dataset<Row> read = lake.read(TableName.silver("lin_person"));
    List<Row> collected = read.collectAsList();
    Dataset<Row> remade = lake.spark().createDataFrame(collected, read.schema());
    assertThat(lineage(remade).get("surname")).containsExactly(Tables.UNTRACED);
    assertThat(lineage(read.select("surname")))
        .containsEntry("surname", Set.of("silver.lin_person.surname"));
  }
}
