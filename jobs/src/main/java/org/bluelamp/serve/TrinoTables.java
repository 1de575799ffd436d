package org.bluelamp.serve;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;

/**
 * Registers lake tables in Trino's Delta catalog by location. Registration is by path, so a later
 * Spark write to a registered table is visible at once; only new tables need registering.
 */
public final class TrinoTables {
  /** The schemas served in the embedded default: curated gold and the operations log. */
  public static final List<String> SERVED_SCHEMAS = List.of("gold", "ops");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
  private static final String SERVICE_USER = "bluelamp";

  private TrinoTables() {}

  public static Connection connect(String jdbcUrl, String user) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  /**
   * Registers the served tables of the lake at {@code lakeRoot} that Trino does not know yet;
   * returns how many were new. Called after every run while a server is up, and when one starts.
   */
  public static int registerLake(String jdbcUrl, String lakeRoot, Progress progress) {
    List<TableName> served =
        Lake.tables(lakeRoot, new Configuration()).stream()
            .filter(t -> SERVED_SCHEMAS.contains(t.schema()))
            .toList();
    return register(jdbcUrl, served, t -> Lake.uri(Lake.location(lakeRoot, t)), progress);
  }

  private static int register(
      String jdbcUrl,
      List<TableName> tables,
      Function<TableName, String> location,
      Progress progress) {
    int added = 0;
    try (Connection connection = connect(jdbcUrl, SERVICE_USER);
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
      throw Errors.io("register the lake's tables in Trino at " + jdbcUrl, e);
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
