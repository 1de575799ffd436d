package org.bluelamp.security;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.bluelamp.BluelampException;
import org.bluelamp.ServedWorld;
import org.bluelamp.lake.TableName;
import org.bluelamp.pipeline.SampleWorld;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-role access through the real Trino: what each role reads, what is masked, what is denied
 * (with the error a client sees), and that force and ward scoping hold on every table. The truth is
 * the lake itself read with Spark, outside Trino and its rules.
 */
class TrinoSecurityIT {
  private static ServedWorld served;
  private static SampleWorld world;

  @BeforeAll
  static void serve() {
    served = ServedWorld.get();
    world = served.world;
  }

  private static List<List<Object>> rows(String user, String sql) throws SQLException {
    return served.rows(user, sql);
  }

  private static long count(String user, String sql) throws SQLException {
    return ((Number) rows(user, sql).get(0).get(0)).longValue();
  }

  private static long sparkCount(String table, String filter) {
    return world.lake.read(TableName.of(table)).filter(filter).count();
  }

  /** The tables a user sees, with whether each has a force_id column. */
  private static Map<String, Boolean> visibleTables(String user) throws SQLException {
    Map<String, Boolean> tables = new TreeMap<>();
    for (List<Object> row :
        rows(
            user,
            "SELECT table_schema || '.' || table_name, count_if(column_name = 'force_id')"
                + " FROM lake.information_schema.columns"
                + " WHERE table_schema <> 'information_schema' GROUP BY 1")) {
      tables.put((String) row.get(0), ((Number) row.get(1)).longValue() > 0);
    }
    return tables;
  }

  /** The queries Trino's REST API lists to {@code user} (as its web UI does): id, user, SQL. */
  private static List<JsonNode> listedQueries(String user) throws Exception {
    HttpResponse<String> response = served.rest(user, "GET", "/v1/query");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> queries = new ArrayList<>();
    new ObjectMapper().readTree(response.body()).forEach(queries::add);
    return queries;
  }

  private static void assertDenied(String user, String sql, String message) {
    assertThatThrownBy(() -> rows(user, sql))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aUserSeesOnlyTheirOwnQueriesAndKillsNoOneElsesWhileEngineersSeeAll() throws Exception {
    String marker = "officer-query-" + System.nanoTime();
    rows(ServedWorld.OFFICER, "SELECT '" + marker + "' AS marker");
    rows(ServedWorld.PUBLIC, "SELECT count(*) FROM lake.gold.mayor_weekly");

    List<JsonNode> seenByPublic = listedQueries(ServedWorld.PUBLIC);
    assertThat(seenByPublic).isNotEmpty();
    assertThat(seenByPublic)
        .allSatisfy(
            q -> assertThat(q.path("session").path("user").asText()).isEqualTo(ServedWorld.PUBLIC))
        .noneSatisfy(q -> assertThat(q.path("query").asText()).contains(marker));
    assertThat(listedQueries(ServedWorld.ANALYST))
        .noneSatisfy(q -> assertThat(q.path("query").asText()).contains(marker));

    JsonNode officers =
        listedQueries(ServedWorld.ENGINEER).stream()
            .filter(q -> q.path("query").asText().contains(marker))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the engineer does not see the officer's query"));
    String id = officers.path("queryId").asText();
    assertThat(served.rest(ServedWorld.PUBLIC, "GET", "/v1/query/" + id).statusCode())
        .isEqualTo(403);
    assertThat(served.rest(ServedWorld.PUBLIC, "DELETE", "/v1/query/" + id).statusCode())
        .isEqualTo(403);
  }

  @Test
  void theEngineerReadsEveryLayerIncludingBronzeAndQuarantineWithPiiVisible() throws SQLException {
    Map<String, Boolean> tables = visibleTables(ServedWorld.ENGINEER);
    assertThat(tables)
        .containsKeys("bronze.quarantine", "bronze.england__nominals", "silver.person_record")
        .containsKeys("gold.compstat_weekly", "ops.job_runs", "ops.user_scope");
    assertThat(count(ServedWorld.ENGINEER, "SELECT count(*) FROM lake.bronze.quarantine"))
        .isEqualTo(sparkCount("bronze.quarantine", "true"));
    assertThat(surnames(ServedWorld.ENGINEER, "england"))
        .isEqualTo(sparkSurnames("england"))
        .isNotEmpty();
  }

  @Test
  void anAnalystReadsSilverAndGoldOfTheirForceWithPiiMaskedAndNoBronze() throws SQLException {
    Map<String, Boolean> tables = visibleTables(ServedWorld.ANALYST);
    assertThat(tables.keySet())
        .contains("silver.crime", "silver.person_record", "gold.compstat_weekly")
        .noneMatch(t -> t.startsWith("bronze.") || t.startsWith("ops."))
        .doesNotContain("gold.usage_daily");
    assertDenied(
        ServedWorld.ANALYST,
        "SELECT count(*) FROM lake.bronze.england__cad",
        "Access Denied: Cannot select from table lake.bronze.england__cad");
    assertDenied(
        ServedWorld.ANALYST,
        "SELECT * FROM lake.ops.user_scope",
        "Access Denied: Cannot select from table lake.ops.user_scope");
    // SELECT * works, and every PII value is a pseudonymous key or a year.
    List<List<Object>> people =
        rows(
            ServedWorld.ANALYST,
            "SELECT surname, forename, dob, address, phone, force_id"
                + " FROM lake.silver.person_record");
    assertThat(people).hasSize((int) sparkCount("silver.person_record", "force_id = 'england'"));
    Set<String> real = sparkSurnames("england");
    for (List<Object> person : people) {
      assertThat((String) person.get(0)).matches("pk_[0-9a-f]{16}").isNotIn(real);
      if (person.get(2) != null) {
        assertThat(person.get(2).toString()).endsWith("-01-01");
      }
      assertThat(person.get(5)).isEqualTo("england");
    }
    assertThat(rows(ServedWorld.ANALYST, "SELECT * FROM lake.silver.person_record LIMIT 1"))
        .hasSize(1);
    // The same person's surname gives the same key: analysts can still count people.
    assertThat(
            count(
                ServedWorld.ANALYST,
                "SELECT count(DISTINCT surname) FROM lake.silver.person_record"))
        .isEqualTo(real.size());
    assertOnlyItsForce(ServedWorld.ANALYST, "england");
  }

  @Test
  void anOfficerReadsGoldAndSingleViewTablesOfTheirForceWithPiiAndTheirClearance()
      throws SQLException {
    Map<String, Boolean> tables = visibleTables(ServedWorld.OFFICER);
    assertThat(tables.keySet())
        .contains("silver.person_record", "silver.intelligence", "gold.compstat_weekly")
        .doesNotContain("silver.crime", "gold.supervisor_live", "gold.usage_daily");
    assertDenied(
        ServedWorld.OFFICER,
        "SELECT count(*) FROM lake.silver.crime",
        "Access Denied: Cannot select from table lake.silver.crime");
    assertThat(surnames(ServedWorld.OFFICER, "england")).isEqualTo(sparkSurnames("england"));
    assertOnlyItsForce(ServedWorld.OFFICER, "england");
    long permitted =
        sparkCount("silver.intelligence", "force_id = 'england' AND handling_code = 'P'");
    long all = sparkCount("silver.intelligence", "force_id = 'england'");
    assertThat(permitted).isPositive().isLessThan(all);
    assertThat(count(ServedWorld.OFFICER, "SELECT count(*) FROM lake.silver.intelligence"))
        .isEqualTo(permitted);
    assertThat(count(ServedWorld.OFFICER_CLEARED, "SELECT count(*) FROM lake.silver.intelligence"))
        .isEqualTo(all);
  }

  @Test
  void aSupervisorSeesStaffTablesOfTheirWardOnlyAndTheRestOfTheirForce() throws SQLException {
    String ward = served.supervisorWard;
    assertThat(
            rows(ServedWorld.SUPERVISOR, "SELECT DISTINCT ward_id FROM lake.gold.supervisor_live"))
        .containsExactly(List.of(ward));
    assertThat(count(ServedWorld.SUPERVISOR, "SELECT count(*) FROM lake.gold.supervisor_live"))
        .isEqualTo(
            sparkCount(
                "gold.supervisor_live", "force_id = 'england' AND ward_id = '" + ward + "'"));
    assertThat(count(ServedWorld.SUPERVISOR, "SELECT count(*) FROM lake.gold.compstat_weekly"))
        .isEqualTo(sparkCount("gold.compstat_weekly", "force_id = 'england'"));
    assertOnlyItsForce(ServedWorld.SUPERVISOR, "england");
  }

  @Test
  void aMayorsOfficeReadsOnlyTheAnonymisedTablesOfItsForce() throws SQLException {
    assertThat(visibleTables(ServedWorld.MAYOR).keySet()).containsExactly("gold.mayor_weekly");
    assertThat(count(ServedWorld.MAYOR, "SELECT count(*) FROM lake.gold.mayor_weekly"))
        .isEqualTo(sparkCount("gold.mayor_weekly", "force_id = 'belgium'"))
        .isPositive();
    assertDenied(
        ServedWorld.MAYOR,
        "SELECT count(*) FROM lake.gold.compstat_weekly",
        "Access Denied: Cannot select from table lake.gold.compstat_weekly");
    assertOnlyItsForce(ServedWorld.MAYOR, "belgium");
  }

  @Test
  void thePublicReadsOnlyThePublishedTablesOfEveryForce() throws SQLException {
    assertThat(visibleTables(ServedWorld.PUBLIC).keySet()).containsExactly("gold.mayor_weekly");
    assertThat(
            rows(ServedWorld.PUBLIC, "SELECT DISTINCT force_id FROM lake.gold.mayor_weekly").size())
        .isEqualTo(
            (int)
                world
                    .lake
                    .read(TableName.of("gold.mayor_weekly"))
                    .select("force_id")
                    .distinct()
                    .count())
        .isGreaterThan(1);
    assertThat(count(ServedWorld.PUBLIC, "SELECT count(*) FROM lake.gold.mayor_weekly"))
        .isEqualTo(sparkCount("gold.mayor_weekly", "true"));
    assertDenied(
        ServedWorld.PUBLIC,
        "SELECT count(*) FROM lake.silver.crime",
        "Access Denied: Cannot select from table lake.silver.crime");
  }

  @Test
  void anAuditorReadsOnlyTheAuditAndUsageTables() throws SQLException {
    assertThat(visibleTables(ServedWorld.AUDITOR).keySet())
        .containsExactlyInAnyOrder("ops.query_audit", "gold.usage_daily");
    assertDenied(
        ServedWorld.AUDITOR,
        "SELECT count(*) FROM lake.gold.compstat_weekly",
        "Access Denied: Cannot select from table lake.gold.compstat_weekly");
  }

  @Test
  void anUnknownUserIsRefusedTheCatalog() {
    assertDenied(
        "mallory",
        "SELECT count(*) FROM lake.gold.mayor_weekly",
        "Access Denied: Cannot access catalog lake");
  }

  @Test
  void valuesPassedToUserCommandsThatCouldInjectAreRefusedAndNothingIsWritten() {
    long before = Users.all(world.lake).count();
    List<Runnable> attempts =
        List.of(
            () -> served.add("eve\nengineer:eve", "analyst", List.of("england"), List.of(), 1),
            () -> served.add("eve'; DROP TABLE x; --", "analyst", List.of("england"), List.of(), 1),
            () -> served.add("eve", "analyst", List.of("england' OR '1'='1"), List.of(), 1),
            () -> served.add("eve", "analyst", List.of("england"), List.of("W1' OR 1=1"), 1),
            () -> served.add("eve", "engineer|analyst", List.of(), List.of(), 1),
            () -> served.add("eve", "analyst", List.of(), List.of(), 1));
    for (Runnable attempt : attempts) {
      assertThatThrownBy(attempt::run).isInstanceOf(BluelampException.class);
    }
    assertThat(Users.all(world.lake).count()).isEqualTo(before);
  }

  /** Every table the user sees that has a force_id holds only {@code force}'s rows. */
  private static void assertOnlyItsForce(String user, String force) throws SQLException {
    int scoped = 0;
    for (Map.Entry<String, Boolean> table : visibleTables(user).entrySet()) {
      if (!table.getValue()) {
        continue;
      }
      String name = "lake." + table.getKey();
      assertThat(count(user, "SELECT count(*) FROM " + name + " WHERE force_id <> '" + force + "'"))
          .as(user + " reading " + name)
          .isZero();
      scoped++;
    }
    assertThat(scoped).as("tables with force_id " + user + " reads").isPositive();
  }

  private static Set<String> surnames(String user, String force) throws SQLException {
    Set<String> names = new HashSet<>();
    for (List<Object> row :
        rows(
            user,
            "SELECT DISTINCT surname FROM lake.silver.person_record WHERE force_id = '"
                + force
                + "'")) {
      names.add((String) row.get(0));
    }
    return names;
  }

  private static Set<String> sparkSurnames(String force) {
    Set<String> names = new HashSet<>();
    for (Row row :
        world
            .lake
            .read(TableName.of("silver.person_record"))
            .filter(col("force_id").equalTo(force))
            .select("surname")
            .distinct()
            .collectAsList()) {
      names.add(row.getString(0));
    }
    return names;
  }
}
