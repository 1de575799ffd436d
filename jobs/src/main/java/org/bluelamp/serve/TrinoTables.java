package org.bluelamp.serve;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.ObjectStore;
import org.bluelamp.lake.TableName;

/**
 * Registers lake tables in Trino's Delta catalog by location. Registration is by path, so a later
 * Spark write to a registered table is visible at once; only new tables need registering.
 */
public final class TrinoTables {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

  private TrinoTables() {}

  /**
   * Registers the lake's tables (every layer: the access rules decide who reads which) that Trino
   * does not know yet; returns how many were new. Called after every run while a server is up, and
   * when one starts.
   */
  public static int registerLake(TrinoServer trino, String lakeRoot, Progress progress) {
    List<TableName> served =
        Lake.tables(lakeRoot, ObjectStore.fromEnvironment().hadoopConfiguration());
    return register(trino, served, t -> Lake.uri(Lake.location(lakeRoot, t)), progress);
  }

  private static int register(
      TrinoServer trino,
      List<TableName> tables,
      Function<TableName, String> location,
      Progress progress) {
    int added = 0;
    try (Connection connection = trino.connectAsService();
        Statement statement = connection.createStatement()) {
      for (String schema : tables.stream().map(TableName::schema).distinct().toList()) {
        statement.execute(
            "CREATE SCHEMA IF NOT EXISTS " + TrinoServer.CATALOG + "." + identifier(schema));
      }
      Set<String> known = new HashSet<>();
      try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT table_schema || '.' || table_name FROM "
                      + TrinoServer.CATALOG
                      + ".information_schema.tables WHERE table_schema <> 'information_schema'");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          known.add(rows.getString(1));
        }
      }
      for (TableName table : tables) {
        if (known.contains(table.toString())) {
          continue;
        }
        statement.execute(
            "CALL "
                + TrinoServer.CATALOG
                + ".system.register_table(schema_name => '"
                + identifier(table.schema())
                + "', table_name => '"
                + identifier(table.table())
                + "', table_location => '"
                + location.apply(table).replace("'", "''")
                + "')");
        added++;
      }
    } catch (SQLException e) {
      throw Errors.io("register the lake's tables in Trino at " + trino.jdbcUrl(), e);
    }
    progress.log("serve", "registered " + added + " new table(s); " + tables.size() + " served");
    return added;
  }

  private static String identifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a lake identifier: " + name);
    }
    return name;
  }
}
