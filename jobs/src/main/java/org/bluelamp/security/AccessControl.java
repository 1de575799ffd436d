package org.bluelamp.security;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.gold.Disclosure;
import org.bluelamp.gold.GoldModel;
import org.bluelamp.gold.GoldModels;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.trino.AuthFiles;
import org.bluelamp.trino.TrinoServer;
import org.bluelamp.trino.TrinoTables;

/**
 * Keeps a running server's security in step with the lake: registers new tables, regenerates the
 * access rules from the policy and the tables Trino now serves, and the role groups (and password
 * file) from {@code ops.user_scope}. Run after every change: a start, a run, a user added.
 */
public final class AccessControl {

  /** How long Trino takes at most to reload a changed rules or group file (refresh 1 s). */
  private static final long RELOAD_MILLIS = 2_500;

  private static final java.util.Comparator<TableName> BY_NAME =
      java.util.Comparator.comparing(TableName::toString);

  private final AccessPolicy policy;
  private final Map<TableName, AccessRules.Declared> declared;
  private final Map<TableName, Disclosure> disclosures;

  public AccessControl(
      AccessPolicy policy,
      Map<TableName, AccessRules.Declared> declared,
      Map<TableName, Disclosure> disclosures) {
    this.policy = requireNonNull(policy, "policy");
    this.declared = Map.copyOf(declared);
    this.disclosures = Map.copyOf(disclosures);
  }

  /** The policy in {@code sql/access/roles.yml} with the repository's table declarations. */
  public static AccessControl load(Path sqlRoot, Pipelines pipelines) {
    AccessPolicy policy = AccessPolicy.load(sqlRoot.resolve("access/roles.yml"));
    List<GoldModel> models = GoldModels.discover(sqlRoot);
    Map<TableName, Disclosure> disclosures = new TreeMap<>(BY_NAME);
    models.forEach(
        m -> m.disclosure().ifPresent(d -> disclosures.put(TableName.gold(m.name()), d)));
    return new AccessControl(
        policy, AccessRules.declarations(policy, pipelines, models), disclosures);
  }

  public AccessPolicy policy() {
    return policy;
  }

  /** Registers the lake's new tables, then rewrites the rules and groups where they changed. */
  public AccessRules.Rules publish(TrinoServer trino, String lakeRoot, Progress progress) {
    TrinoTables.registerLake(trino, lakeRoot, progress);
    return sync(trino, progress);
  }

  /** What a Trino serves (tables with their columns) and who is in which role. */
  private record Served(List<AccessRules.ServedTable> tables, Map<String, Set<String>> groups) {
    int users() {
      return groups.values().stream().mapToInt(Set::size).sum();
    }
  }

  /** What {@code ops.column_lineage} recorded of one table: each column's sources, and its PII. */
  private record Recorded(Map<String, Set<String>> lineage, Set<String> pii) {}

  /** The lineage the gold builds recorded, by table. */
  private static Map<TableName, Recorded> recorded(Connection connection) throws SQLException {
    Map<TableName, Recorded> recorded = new TreeMap<>(BY_NAME);
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT table_name, column_name, sources, pii FROM "
                    + TrinoServer.CATALOG
                    + "."
                    + Tables.COLUMN_LINEAGE)) {
      while (rows.next()) {
        Recorded table =
            recorded.computeIfAbsent(
                TableName.of(rows.getString(1)),
                t -> new Recorded(new TreeMap<>(), new TreeSet<>()));
        Set<String> sources = new TreeSet<>();
        for (Object source : (Object[]) rows.getArray(3).getArray()) {
          sources.add((String) source);
        }
        table.lineage().put(rows.getString(2), sources);
        if (rows.getBoolean(4)) {
          table.pii().add(rows.getString(2));
        }
      }
    }
    return recorded;
  }

  /**
   * Reads the tables of the {@code lake} catalog and the users of {@code ops.user_scope} over a
   * connection as the service account (which sees everything).
   */
  private Served served(Connection connection) throws SQLException {
    Map<TableName, Map<String, String>> columns = new TreeMap<>(BY_NAME);
    Map<String, Set<String>> groups = new TreeMap<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT table_schema, table_name, column_name, data_type FROM "
                  + TrinoServer.CATALOG
                  + ".information_schema.columns WHERE table_schema <> 'information_schema'")) {
        while (rows.next()) {
          columns
              .computeIfAbsent(
                  new TableName(rows.getString(1), rows.getString(2)), t -> new TreeMap<>())
              .put(rows.getString(3), rows.getString(4));
        }
      }
      if (columns.containsKey(Tables.USER_SCOPE)) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT role, user_name FROM "
                    + TrinoServer.CATALOG
                    + "."
                    + Tables.USER_SCOPE)) {
          while (rows.next()) {
            groups.computeIfAbsent(rows.getString(1), r -> new TreeSet<>()).add(rows.getString(2));
          }
        }
      }
    }
    Map<TableName, Recorded> recorded =
        columns.containsKey(Tables.COLUMN_LINEAGE) ? recorded(connection) : Map.of();
    List<AccessRules.ServedTable> tables = new ArrayList<>();
    for (Map.Entry<TableName, Map<String, String>> entry : columns.entrySet()) {
      TableName table = entry.getKey();
      AccessRules.Declared known = declared.getOrDefault(table, AccessRules.Declared.NONE);
      Recorded lineage = recorded.get(table);
      if (lineage != null) {
        known = known.traced(lineage.pii(), lineage.lineage());
      }
      AccessRules.ServedTable served = new AccessRules.ServedTable(table, entry.getValue(), known);
      if (served.disclosed()) {
        served =
            new AccessRules.ServedTable(table, entry.getValue(), known, gate(connection, table));
      }
      tables.add(served);
    }
    return new Served(tables, groups);
  }

  /**
   * The privacy gate: what a reader of {@code table} could recover of its suppressed counts, read
   * through the relations its model declares ({@code disclosure:}); a table without the declaration
   * cannot be audited, so fails.
   */
  private List<String> gate(Connection connection, TableName table) throws SQLException {
    Disclosure disclosure = disclosures.get(table);
    if (disclosure == null) {
      return List.of(
          table
              + " carries a tag of "
              + new TreeSet<>(AccessRules.DISCLOSURE_TAGS)
              + " but declares no disclosure: (how its small counts are protected), so it cannot"
              + " be audited; add the block to its model's YAML (sql/README.md)");
    }
    List<String> names = disclosure.columns();
    List<Map<String, String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT "
                    + String.join(", ", names.stream().map(c -> "\"" + c + "\"").toList())
                    + " FROM "
                    + TrinoServer.CATALOG
                    + "."
                    + table)) {
      while (result.next()) {
        Map<String, String> row = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
          row.put(names.get(i), result.getString(i + 1));
        }
        rows.add(row);
      }
    }
    return DisclosureAudit.audit(table.toString(), disclosure, rows);
  }

  /** The rules for what is served. */
  private AccessRules.Rules rules(Served served) {
    return AccessRules.generate(policy, served.tables());
  }

  /** Rewrites the rules and groups from what Trino serves now; waits until Trino has them. */
  public AccessRules.Rules sync(TrinoServer trino, Progress progress) {
    AuthFiles auth = trino.auth();
    Served served;
    try (Connection connection = trino.connectAsService()) {
      served = served(connection);
    } catch (SQLException e) {
      throw Errors.trino("read the served tables and users", trino.jdbcUrl(), e);
    }
    Map<String, Set<String>> groups = served.groups();
    AccessRules.Rules rules = rules(served);
    // While the audit is down (serve --audit-required), the rules wait parked: AuditGuard.
    boolean changed = replace(auth, AuditGuard.rulesFile(auth), rules.json());
    changed |= replace(auth, AuthFiles.GROUPS, groupFile(groups));
    if (trino.secure()) {
      Map<String, String> passwords = auth.passwords();
      Set<String> users = new TreeSet<>();
      groups.values().forEach(users::addAll);
      if (passwords
          .keySet()
          .removeIf(u -> !u.equals(TrinoServer.SERVICE_USER) && !users.contains(u))) {
        auth.writePasswords(passwords);
      }
    }
    report(served, rules, progress);
    if (changed) {
      pause();
    }
    return rules;
  }

  /**
   * Writes {@code rules.json} and {@code groups.txt} for a Trino of one's own (e.g. the Helm
   * chart's access-control ConfigMap) into {@code dir}, from what it serves over {@code
   * connection}.
   */
  public AccessRules.Rules export(Connection connection, Path dir, Progress progress)
      throws SQLException {
    Served served = served(connection);
    AccessRules.Rules rules = rules(served);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(AuthFiles.RULES), rules.json());
      Files.writeString(dir.resolve(AuthFiles.GROUPS), groupFile(served.groups()));
    } catch (java.io.IOException e) {
      throw Errors.io("write the access rules into " + dir, e);
    }
    report(served, rules, progress);
    progress.log("access", "wrote " + dir.resolve(AuthFiles.RULES) + " and " + AuthFiles.GROUPS);
    return rules;
  }

  /** Says what the rules grant: what was not granted, and how many tables and users. */
  private void report(Served served, AccessRules.Rules rules, Progress progress) {
    for (AccessRules.ServedTable table : served.tables()) {
      if (table.disclosed()) {
        progress.log(
            "access",
            "privacy gate: "
                + table.name()
                + (table.disclosure().isEmpty()
                    ? ": no suppressed count recoverable"
                    : ": " + table.disclosure().size() + " suppressed count(s) recoverable"));
      }
    }
    rules.skipped().forEach(s -> progress.log("access", "not granted: " + s));
    progress.log(
        "access",
        served.tables().size()
            + " tables served; "
            + served.users()
            + " user(s) in "
            + served.groups().size()
            + " role(s); rules from "
            + policy.file().getFileName());
  }

  /** Trino's group file: one line per role, {@code role:user1,user2}. */
  private static String groupFile(Map<String, Set<String>> groups) {
    StringBuilder content = new StringBuilder();
    groups.forEach(
        (role, users) ->
            content.append(role).append(':').append(String.join(",", users)).append('\n'));
    return content.toString();
  }

  private static boolean replace(AuthFiles auth, String file, String content) {
    try {
      Path path = auth.path(file);
      if (Files.isRegularFile(path) && Files.readString(path).equals(content)) {
        return false;
      }
    } catch (java.io.IOException e) {
      throw Errors.io("read " + auth.path(file), e);
    }
    auth.write(file, content);
    return true;
  }

  private static void pause() {
    try {
      Thread.sleep(RELOAD_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
