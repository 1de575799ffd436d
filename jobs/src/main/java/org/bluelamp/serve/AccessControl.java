package org.bluelamp.serve;

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
import org.bluelamp.lake.TableName;
import org.bluelamp.model.GoldModels;

/**
 * Keeps a running server's security in step with the lake: registers new tables, regenerates the
 * access rules from the policy and the tables Trino now serves, and the role groups (and password
 * file) from {@code ops.user_scope}. Run after every change: a start, a run, a user added.
 */
public final class AccessControl {
  /** bluelamp's own account: registers tables and evaluates row filters; never a person's. */
  public static final String SERVICE_USER = "bluelamp";

  /** How long Trino takes at most to reload a changed rules or group file (refresh 1 s). */
  private static final long RELOAD_MILLIS = 2_500;

  private final AccessPolicy policy;
  private final Map<TableName, AccessRules.Declared> declared;

  public AccessControl(AccessPolicy policy, Map<TableName, AccessRules.Declared> declared) {
    this.policy = requireNonNull(policy, "policy");
    this.declared = Map.copyOf(declared);
  }

  /** The policy in {@code sql/access/roles.yml} with the repository's table declarations. */
  public static AccessControl load(Path sqlRoot, Pipelines pipelines) {
    AccessPolicy policy = AccessPolicy.load(sqlRoot.resolve("access/roles.yml"));
    return new AccessControl(
        policy, AccessRules.declarations(policy, pipelines, GoldModels.discover(sqlRoot)));
  }

  public AccessPolicy policy() {
    return policy;
  }

  /** Registers the lake's new tables, then rewrites the rules and groups where they changed. */
  public AccessRules.Rules publish(TrinoServer trino, String lakeRoot, Progress progress) {
    TrinoTables.registerLake(trino, lakeRoot, progress);
    return sync(trino, progress);
  }

  /** Rewrites the rules and groups from what Trino serves now; waits until Trino has them. */
  public AccessRules.Rules sync(TrinoServer trino, Progress progress) {
    AuthFiles auth = trino.auth();
    Map<TableName, Map<String, String>> columns =
        new TreeMap<>(java.util.Comparator.comparing(TableName::toString));
    Map<String, Set<String>> groups = new TreeMap<>();
    try (Connection connection = trino.connectAsService();
        Statement statement = connection.createStatement()) {
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
      if (columns.containsKey(AccessRules.USER_SCOPE)) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT role, user_name FROM "
                    + TrinoServer.CATALOG
                    + "."
                    + AccessRules.USER_SCOPE)) {
          while (rows.next()) {
            groups.computeIfAbsent(rows.getString(1), r -> new TreeSet<>()).add(rows.getString(2));
          }
        }
      }
    } catch (SQLException e) {
      throw Errors.io("read the served tables and users from Trino at " + trino.jdbcUrl(), e);
    }
    List<AccessRules.ServedTable> served = new ArrayList<>();
    columns.forEach(
        (table, types) ->
            served.add(
                new AccessRules.ServedTable(
                    table, types, declared.getOrDefault(table, AccessRules.Declared.NONE))));
    AccessRules.Rules rules = AccessRules.generate(policy, served, auth.secret("pseudonym-key"));
    boolean changed = replace(auth, AuthFiles.RULES, rules.json());
    changed |= replace(auth, AuthFiles.GROUPS, groupFile(groups));
    if (trino.secure()) {
      Map<String, String> passwords = auth.passwords();
      Set<String> users = new TreeSet<>();
      groups.values().forEach(users::addAll);
      if (passwords.keySet().removeIf(u -> !u.equals(SERVICE_USER) && !users.contains(u))) {
        auth.writePasswords(passwords);
      }
    }
    rules.skipped().forEach(s -> progress.log("access", "not granted: " + s));
    progress.log(
        "access",
        served.size()
            + " tables served; "
            + groups.values().stream().mapToInt(Set::size).sum()
            + " user(s) in "
            + groups.size()
            + " role(s); rules from "
            + policy.file().getFileName());
    if (changed) {
      pause();
    }
    return rules;
  }

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
