package org.bluelamp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bluelamp.BluelampException;
import org.bluelamp.Repository;
import org.bluelamp.contract.Pii;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.gold.GoldModels;
import org.bluelamp.lake.TableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules generated from sql/access/roles.yml for tables given by hand: who is granted what, with
 * which row filter and masks, checked against the policy's text, not the generator's output.
 */
class TestAccessRules {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AccessPolicy POLICY =
      AccessPolicy.load(Repository.sql().resolve("access/roles.yml"));
  private static final Map<TableName, AccessRules.Declared> DECLARED =
      AccessRules.declarations(
          POLICY, Pipelines.load(Repository.pipelines()), GoldModels.discover(Repository.sql()));

  /**
   * A table as Trino lists it: these columns, every PII column its declaration names and, as the
   * jobs store them, the pseudonym of each PII text column.
   */
  private static AccessRules.ServedTable table(String name, Map<String, String> columns) {
    TableName table = TableName.of(name);
    AccessRules.Declared declared = DECLARED.getOrDefault(table, AccessRules.Declared.NONE);
    Map<String, String> listed = new java.util.HashMap<>(columns);
    declared.pii().forEach(c -> listed.putIfAbsent(c, c.equals("dob") ? "date" : "varchar"));
    declared.pii().stream()
        .filter(c -> listed.get(c).equals("varchar"))
        .forEach(c -> listed.put(Pii.pseudonym(c), "varchar"));
    // As serve knows it once the gold build recorded the table's lineage.
    return new AccessRules.ServedTable(table, listed, declared.traced(Set.of(), Map.of()));
  }

  private static final List<AccessRules.ServedTable> TABLES =
      List.of(
          table("bronze.england__nominals", Map.of("surname", "varchar", "_source", "varchar")),
          table(
              "silver.person_record",
              Map.of(
                  "force_id", "varchar", "surname", "varchar", "dob", "date", "role", "varchar")),
          table("silver.crime", Map.of("force_id", "varchar", "crime_id", "varchar")),
          table(
              "silver.intelligence",
              Map.of(
                  "force_id",
                  "varchar",
                  "handling_code",
                  "varchar",
                  "surname",
                  "varchar",
                  "clearance_required",
                  "integer")),
          table("gold.supervisor_live", Map.of("force_id", "varchar", "ward_id", "varchar")),
          table("gold.mayor_weekly", Map.of("force_id", "varchar", "this_week", "varchar")),
          table("gold.compstat_weekly", Map.of("force_id", "varchar", "week_count", "bigint")),
          table("gold.usage_daily", Map.of("role", "varchar", "queries", "bigint")),
          table("gold.no_force", Map.of("n", "integer")),
          table("ops.query_audit", Map.of("user_name", "varchar")),
          table("ops.job_runs", Map.of("job", "varchar")));

  private static final AccessRules.Rules RULES = AccessRules.generate(POLICY, TABLES);

  private static List<String> granted(String role) {
    return RULES.granted().get(role).stream().map(TableName::toString).toList();
  }

  private static JsonNode rule(String role, String table) throws Exception {
    TableName name = TableName.of(table);
    for (JsonNode rule : JSON.readTree(RULES.json()).get("tables")) {
      if (role.equals(rule.path("group").asText())
          && name.schema().equals(rule.path("schema").asText())
          && name.table().equals(rule.path("table").asText())) {
        return rule;
      }
    }
    throw new AssertionError("no rule for " + role + " on " + table);
  }

  @Test
  void eachRoleIsGrantedWhatTheRolesFileSaysByLayerAndTag() {
    assertThat(granted("engineer")).hasSize(TABLES.size());
    assertThat(granted("analyst"))
        .containsExactlyInAnyOrder(
            "silver.person_record",
            "silver.crime",
            "silver.intelligence",
            "gold.supervisor_live",
            "gold.mayor_weekly",
            "gold.compstat_weekly");
    assertThat(granted("officer"))
        .containsExactlyInAnyOrder(
            "silver.person_record",
            "silver.intelligence",
            "gold.mayor_weekly",
            "gold.compstat_weekly");
    assertThat(granted("supervisor"))
        .containsExactlyInAnyOrder(
            "silver.person_record",
            "silver.intelligence",
            "gold.supervisor_live",
            "gold.mayor_weekly",
            "gold.compstat_weekly");
    assertThat(granted("mayor_office")).containsExactly("gold.mayor_weekly");
    assertThat(granted("public")).containsExactly("gold.mayor_weekly");
    assertThat(granted("auditor")).containsExactlyInAnyOrder("gold.usage_daily", "ops.query_audit");
  }

  @Test
  void aTableWithoutForceIdIsNotGrantedToForceScopedRolesAndSaysWhy() {
    assertThat(RULES.skipped())
        .contains(
            "analyst / gold.no_force: no force_id column, so it cannot be scoped to the user's"
                + " forces");
    assertThat(granted("engineer")).contains("gold.no_force");
  }

  @Test
  void forceScopedRolesFilterOnTheUserScopeTableAndMaskPiiByType() throws Exception {
    JsonNode analyst = rule("analyst", "silver.person_record");
    assertThat(analyst.get("filter").asText())
        .isEqualTo(
            "force_id IN (SELECT s.force_id FROM lake.ops.user_scope s"
                + " WHERE s.user_name = current_user)");
    assertThat(analyst.get("filter_environment").get("user").asText()).isEqualTo("bluelamp");
    Map<String, String> masks = new java.util.TreeMap<>();
    analyst.get("columns").forEach(c -> masks.put(c.get("name").asText(), c.get("mask").asText()));
    assertThat(masks)
        .containsOnlyKeys(DECLARED.get(TableName.of("silver.person_record")).pii())
        .containsKeys("surname", "dob")
        .containsEntry("dob", "date_trunc('year', \"dob\")");
    // Text reads as the pseudonym the jobs stored: the mask selects a column, no secret in it.
    assertThat(masks).containsEntry("surname", "\"surname_pseudonym\"");
    assertThat(rule("officer", "silver.person_record").has("columns")).isFalse();
    assertThat(rule("public", "gold.mayor_weekly").has("filter")).isFalse();
  }

  @Test
  void clearanceAndWardsNarrowTheRowsWhereThePolicySays() throws Exception {
    assertThat(rule("officer", "silver.intelligence").get("filter").asText())
        .contains(
            "clearance_required <= (SELECT max(s.clearance) FROM"
                + " lake.ops.user_scope s WHERE s.user_name = current_user)");
    assertThat(rule("engineer", "silver.intelligence").has("filter")).isFalse();
    assertThat(rule("supervisor", "gold.supervisor_live").get("filter").asText())
        .contains("ward_id IN (SELECT s.ward_id FROM lake.ops.user_scope s");
    assertThat(rule("supervisor", "gold.compstat_weekly").get("filter").asText())
        .doesNotContain("ward_id");
  }

  @Test
  void onlyTheServiceAccountMayRegisterTablesAndRolesGetReadOnlyCatalogs() throws Exception {
    JsonNode root = JSON.readTree(RULES.json());
    assertThat(root.get("procedures")).hasSize(1);
    assertThat(root.get("procedures").get(0).get("user").asText()).isEqualTo("bluelamp");
    List<String> allows = new ArrayList<>();
    root.get("catalogs").forEach(c -> allows.add(c.get("allow").asText()));
    assertThat(allows).containsExactly("all", "read-only");
    assertThat(root.get("catalogs").get(0).get("user").asText()).isEqualTo("bluelamp");
  }

  @Test
  void queriesAreSeenByTheirOwnerEngineersAndTheServiceAccountOnly() throws Exception {
    List<String> rules = new ArrayList<>();
    JSON.readTree(RULES.json())
        .get("queries")
        .forEach(
            rule ->
                rules.add(
                    rule.path("user").asText(rule.path("group").asText("*"))
                        + " "
                        + rule.get("allow")));
    // First match wins: the service account, then the roles with queries: all, then everyone may
    // run queries (and, as Trino always allows, see and kill their own).
    assertThat(rules)
        .containsExactly(
            "bluelamp [\"execute\",\"view\",\"kill\"]",
            "engineer [\"execute\",\"view\",\"kill\"]",
            "* [\"execute\"]");
  }

  @Test
  void aDeclaredPiiColumnTrinoDoesNotListKeepsTheTableFromMaskedRoles() throws Exception {
    // silver.person_record declares surname as PII; here Trino lists it as "last_name".
    AccessRules.ServedTable listed =
        table("silver.person_record", Map.of("force_id", "varchar", "last_name", "varchar"));
    Map<String, String> columns = new java.util.HashMap<>(listed.columns());
    columns.remove("surname");
    AccessRules.ServedTable renamed =
        new AccessRules.ServedTable(listed.name(), columns, listed.declared());
    AccessRules.Rules rules = AccessRules.generate(POLICY, List.of(renamed));
    assertThat(rules.granted().get("analyst")).isEmpty();
    assertThat(rules.skipped())
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("analyst / silver.person_record")
                    .contains("no surname column"));
    // A role that sees PII needs no mask and still reads it.
    assertThat(rules.granted().get("engineer")).contains(TableName.of("silver.person_record"));
  }

  @Test
  void aPiiTextColumnWithoutItsStoredPseudonymKeepsTheTableFromMaskedRoles() {
    // Built before the jobs stored pseudonyms: there is nothing a masked role could read instead.
    AccessRules.ServedTable listed = table("silver.person_record", Map.of("force_id", "varchar"));
    Map<String, String> columns = new java.util.HashMap<>(listed.columns());
    columns.remove("surname_pseudonym");
    AccessRules.Rules rules =
        AccessRules.generate(
            POLICY,
            List.of(new AccessRules.ServedTable(listed.name(), columns, listed.declared())));
    assertThat(rules.granted().get("analyst")).isEmpty();
    assertThat(rules.skipped())
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("analyst / silver.person_record")
                    .contains("no surname_pseudonym column"));
    assertThat(rules.granted().get("engineer")).contains(TableName.of("silver.person_record"));
  }

  @Test
  void aPiiColumnOfAnotherTypeReadsAsEmpty() throws Exception {
    AccessRules.ServedTable derived =
        new AccessRules.ServedTable(
            TableName.of("gold.place_link"),
            Map.of("force_id", "varchar", "distance_m", "double"),
            new AccessRules.Declared(List.of(), Set.of("distance_m")));
    JsonNode rule = JSON.readTree(AccessRules.generate(POLICY, List.of(derived)).json());
    assertThat(rule.toString()).contains("CAST(NULL AS double)");
  }

  @Test
  void aGoldTableWhoseLineageIsNotRecordedIsKeptFromMaskedRoles() {
    AccessRules.ServedTable recorded =
        table("gold.compstat_weekly", Map.of("force_id", "varchar", "week_count", "bigint"));
    AccessRules.ServedTable untraced =
        new AccessRules.ServedTable(
            recorded.name(),
            recorded.columns(),
            DECLARED.get(TableName.of("gold.compstat_weekly")));
    AccessRules.Rules rules = AccessRules.generate(POLICY, List.of(untraced));
    assertThat(rules.granted().get("analyst")).isEmpty();
    assertThat(rules.skipped())
        .anySatisfy(
            s -> assertThat(s).startsWith("analyst / gold.compstat_weekly").contains("lineage"));
    assertThat(rules.granted().get("officer")).containsExactly(recorded.name());
  }

  @Test
  void aTableThePrivacyGateFaultsIsKeptFromTheRolesThatReadItForItsDisclosureTag() {
    AccessRules.ServedTable passed =
        table("gold.mayor_weekly", Map.of("force_id", "varchar", "this_week", "varchar"));
    AccessRules.ServedTable faulted =
        new AccessRules.ServedTable(
            passed.name(),
            passed.columns(),
            passed.declared(),
            List.of("gold.mayor_weekly: the suppressed this_week of (...) is recovered exactly"));
    AccessRules.Rules rules = AccessRules.generate(POLICY, List.of(faulted));
    assertThat(rules.granted().get("mayor_office")).isEmpty();
    assertThat(rules.granted().get("public")).isEmpty();
    assertThat(rules.skipped())
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("public / gold.mayor_weekly: the privacy gate found 1")
                    .contains("recovered exactly"));
    // Analysts read every gold table, CompStat's unsuppressed counts included.
    assertThat(rules.granted().get("analyst")).containsExactly(passed.name());
  }

  @Test
  void aMaskCarryingTheKeyIsRefused(@TempDir Path dir) throws Exception {
    Path roles = dir.resolve("roles.yml");
    Files.writeString(
        roles,
        Files.readString(Repository.sql().resolve("access/roles.yml"))
            .replace(
                "varchar: \"{pseudonym}\"",
                "varchar: \"to_hex(hmac_sha256(to_utf8({column}), to_utf8('{key}')))\""));
    assertThatThrownBy(() -> AccessPolicy.load(roles))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("masks.varchar")
        .hasMessageContaining("query plans");
  }

  @Test
  void theServiceAccountsNameIsNoPersons() {
    assertThatThrownBy(
            () ->
                Users.validate(
                    new Users.User("bluelamp", "engineer", List.of(), List.of(), 2),
                    POLICY,
                    Pipelines.load(Repository.pipelines())))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("service account");
  }

  @Test
  void anUndeclaredTagOrAPiiTypeWithoutAMaskIsAClearError(@TempDir Path dir) throws Exception {
    Path roles = dir.resolve("roles.yml");
    Files.writeString(
        roles,
        Files.readString(Repository.sql().resolve("access/roles.yml"))
            .replace("tags: [published]", "tags: [publishd]"));
    assertThatThrownBy(() -> AccessPolicy.load(roles))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("publishd");
    Files.writeString(
        roles,
        Files.readString(Repository.sql().resolve("access/roles.yml"))
            .replaceAll("\\n  default: .*", ""));
    AccessPolicy withoutDefault = AccessPolicy.load(roles);
    AccessRules.ServedTable odd =
        new AccessRules.ServedTable(
            TableName.of("silver.person_record"),
            Map.of("force_id", "varchar", "surname", "array(varchar)"),
            new AccessRules.Declared(List.of(), Set.of("surname")));
    assertThatThrownBy(() -> AccessRules.generate(withoutDefault, List.of(odd)))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("silver.person_record.surname")
        .hasMessageContaining("no mask");
  }

  /** A gold table with this lineage (column to sources), as serve reads it after a build. */
  private static AccessRules.ServedTable derived(
      String name, Set<String> reads, Map<String, Set<String>> lineage) {
    Map<String, String> columns = new java.util.HashMap<>();
    lineage.keySet().forEach(c -> columns.put(c, "varchar"));
    return new AccessRules.ServedTable(
        TableName.of(name),
        columns,
        AccessRules.Declared.untraced(List.of(), Set.of(), reads).traced(Set.of(), lineage));
  }

  @Test
  void aTableDerivedFromGradedRowsIsServedOnlyWhenItCarriesTheirClearance() throws Exception {
    AccessRules.ServedTable intelligence =
        table(
            "silver.intelligence", Map.of("force_id", "varchar", "clearance_required", "integer"));
    Set<String> reads = Set.of("silver.intelligence");
    // The mistake the issue found: a link table with the ids of every report, no clearance.
    AccessRules.ServedTable ids =
        derived(
            "gold.intel_ids",
            reads,
            Map.of(
                "force_id", Set.of("silver.intelligence.force_id"),
                "record_id", Set.of("silver.intelligence.intel_id")));
    // A builder whose plan could not be traced reads every table its model declares.
    AccessRules.ServedTable untraced =
        derived("gold.intel_remade", reads, Map.of("force_id", Set.of("?")));
    AccessRules.ServedTable graded =
        derived(
            "gold.intel_link",
            reads,
            Map.of(
                "force_id", Set.of("silver.intelligence.force_id"),
                "record_id", Set.of("silver.intelligence.intel_id"),
                "clearance_required", Set.of("silver.intelligence.clearance_required")));
    // Downstream of the link table: carries the link's clearance, which carries the reports'.
    AccessRules.ServedTable downstream =
        derived(
            "gold.intel_by_key",
            Set.of("gold.intel_link", "silver.intelligence"),
            Map.of(
                "force_id", Set.of("gold.intel_link.force_id"),
                "key", Set.of("silver.intelligence.surname"),
                "clearance_required", Set.of("gold.intel_link.clearance_required")));
    // Counting reports carries none of their values.
    AccessRules.ServedTable counts =
        derived("gold.intel_counts", reads, Map.of("force_id", Set.of("silver.crime.force_id")));
    AccessRules.Rules rules =
        AccessRules.generate(
            POLICY, List.of(intelligence, ids, untraced, graded, downstream, counts));
    assertThat(rules.granted().get("officer"))
        .extracting(TableName::toString)
        .containsExactlyInAnyOrder(
            "silver.intelligence", "gold.intel_link", "gold.intel_by_key", "gold.intel_counts");
    assertThat(rules.skipped())
        .anyMatch(
            s ->
                s.startsWith("officer / gold.intel_ids")
                    && s.contains("derive from silver.intelligence"))
        .anyMatch(s -> s.startsWith("officer / gold.intel_remade"));
    // Engineers see every row whatever its clearance.
    assertThat(rules.granted().get("engineer")).hasSize(6);
    JsonNode link = null;
    for (JsonNode rule : JSON.readTree(rules.json()).get("tables")) {
      if (rule.path("group").asText().equals("officer")
          && rule.path("table").asText().equals("intel_by_key")) {
        link = rule;
      }
    }
    assertThat(link.get("filter").asText())
        .contains("clearance_required <= (SELECT max(s.clearance)");
  }
}
