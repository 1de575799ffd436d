package org.bluelamp.synth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.jdbc.JdbcConnection;

/**
 * Loads the sample world's operational databases: for each JDBC connection, the project's schema
 * script {@code infra/embedded/sql/<connection>.sql} (drop and create the tables) runs once, then
 * each source's rows are inserted in batches with their partition column numbered from 1.
 */
final class Databases {
  private static final int BATCH = 1_000;

  private final Connections connections;
  private final Path schemaScripts;
  private final Progress progress;
  private final Set<String> prepared = new HashSet<>();

  Databases(Connections connections, Path schemaScripts, Progress progress) {
    this.connections = requireNonNull(connections, "connections");
    this.schemaScripts = requireNonNull(schemaScripts, "schemaScripts");
    this.progress = requireNonNull(progress, "progress");
  }

  void load(SourceContract contract, List<Map<String, Object>> rows) {
    String name = contract.reader().option("connection", "");
    String table = contract.reader().option("table", "");
    JdbcConnection connection = connections.resolve(name);
    try (Connection db = connection.open()) {
      if (prepared.add(name)) {
        createSchema(db, name);
      }
      if (rows.isEmpty()) {
        return;
      }
      List<String> columns = new ArrayList<>(rows.get(0).keySet());
      String partition = contract.reader().options().get("partition_column");
      String sql =
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", columns)
              + ") VALUES ("
              + String.join(", ", columns.stream().map(c -> "?").toList())
              + ")";
      db.setAutoCommit(false);
      try (PreparedStatement insert = db.prepareStatement(sql)) {
        long id = 0;
        for (Map<String, Object> row : rows) {
          id++;
          for (int i = 0; i < columns.size(); i++) {
            Object value = columns.get(i).equals(partition) ? id : row.get(columns.get(i));
            insert.setObject(i + 1, value);
          }
          insert.addBatch();
          if (id % BATCH == 0) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      db.commit();
      progress.log(
          "generate",
          contract.id()
              + ": "
              + Progress.count(rows.size())
              + " rows loaded into "
              + name
              + " "
              + table);
    } catch (SQLException e) {
      throw Errors.worldDatabase(
          contract.id(), table, connection.url(), schemaScripts.resolve(name + ".sql"), e);
    }
  }

  private void createSchema(Connection db, String name) throws SQLException {
    Path script = schemaScripts.resolve(name + ".sql");
    String text;
    try {
      text = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.io("read the schema script of connection '" + name + "'", e);
    }
    try (Statement statement = db.createStatement()) {
      for (String sql : text.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql.strip());
        }
      }
    }
    progress.log("generate", "schema " + script.getFileName() + " applied to " + name);
  }
}
