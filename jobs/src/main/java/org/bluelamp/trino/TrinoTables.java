package org.bluelamp.trino;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    try (Connection connection = trino.connectAsService()) {
      return registerLake(connection, TrinoServer.CATALOG, lakeRoot, progress);
    } catch (SQLException e) {
      throw Errors.trino("register the lake's tables", trino.jdbcUrl(), e);
    }
  }

  /**
   * The same for any Trino whose Delta catalog {@code catalog} reaches the lake's storage (a
   * cluster's, with its own metastore), over a connection allowed to run its {@code register_table}
   * procedure.
   */
  public static int registerLake(
      Connection connection, String catalog, String lakeRoot, Progress progress)
      throws SQLException {
    List<TableName> tables =
        Lake.tables(lakeRoot, ObjectStore.fromEnvironment().hadoopConfiguration());
    int added = 0;
    try (Statement statement = connection.createStatement()) {
      for (String schema : tables.stream().map(TableName::schema).distinct().toList()) {
        statement.execute(
            "CREATE SCHEMA IF NOT EXISTS " + identifier(catalog) + "." + identifier(schema));
      }
      Set<String> known = new HashSet<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT table_schema || '.' || table_name FROM "
                  + identifier(catalog)
                  + ".information_schema.tables WHERE table_schema <> 'information_schema'")) {
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
                + identifier(catalog)
                + ".system.register_table(schema_name => '"
                + identifier(table.schema())
                + "', table_name => '"
                + identifier(table.table())
                + "', table_location => '"
                + Lake.uri(Lake.location(lakeRoot, table)).replace("'", "''")
                + "')");
        added++;
      }
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
