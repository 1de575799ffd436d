package org.bluelamp.lake;

import static java.util.Objects.requireNonNull;

/** A lake table: {@code <schema>.<table>}, e.g. {@code bronze.england__cad}. */
public record TableName(String schema, String table) {
  public TableName {
    requireNonNull(schema, "schema");
    requireNonNull(table, "table");
  }

  public static TableName of(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot < 1) {
      throw new IllegalArgumentException("not a schema-qualified table name: " + qualified);
    }
    return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
