package org.bluelamp.search;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How the single-view searches send their one prepared query through Trino and read its rows. */
final class Lookups {
  /** One result row as a search's hit. */
  @FunctionalInterface
  interface Hits<T> {
    T of(ResultSet rows) throws SQLException;
  }

  private Lookups() {}

  /** The rows of {@code sql} with {@code parameters} (strings, in order), each as a hit. */
  static <T> List<T> find(Connection trino, String sql, List<String> parameters, Hits<T> hits)
      throws SQLException {
    List<T> found = new ArrayList<>();
    try (PreparedStatement statement = trino.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setString(i + 1, parameters.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(hits.of(rows));
        }
      }
    }
    return found;
  }

  /** A Trino array column (a timeline) as its entries' text; empty when null. */
  static List<String> strings(Array array) throws SQLException {
    return array == null
        ? List.of()
        : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }
}
