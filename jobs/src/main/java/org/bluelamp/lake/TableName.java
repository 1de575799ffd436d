package org.bluelamp.lake;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A lake table: {@code <schema>.<table>}, e.g. {@code bronze.england__cad}. The schema is a layer
 * and each layer names its tables one way (STYLE.md): {@code bronze.<force>__<system>} (and {@code
 * bronze.quarantine}), {@code silver.<entity>}, {@code gold.<domain>_<model>}, {@code ops.<thing>},
 * all in snake case. The tables code reads or writes by name are in {@link Tables}.
 */
public record TableName(String schema, String table) {
  /** The layers of the lake, each a schema. */
  public static final Set<String> LAYERS = Set.of("bronze", "silver", "gold", "ops");

  public TableName {
    requireNonNull(schema, "schema");
    requireNonNull(table, "table");
  }

  /** A source's bronze table: {@code bronze.<force>__<system>}. */
  public static TableName bronze(String sourceId) {
    if (!sourceId.matches("[a-z0-9_]+__[a-z0-9_]+")) {
      throw new IllegalArgumentException("not a <force>__<system> source id: " + sourceId);
    }
    return new TableName("bronze", sourceId);
  }

  /** An entity's silver table: {@code silver.<entity>}. */
  public static TableName silver(String entity) {
    return new TableName("silver", snakeCase(entity));
  }

  /** A gold model's table: {@code gold.<domain>_<model>}. */
  public static TableName gold(String model) {
    return new TableName("gold", snakeCase(model));
  }

  /** An operational table: {@code ops.<thing>}. */
  public static TableName ops(String thing) {
    return new TableName("ops", snakeCase(thing));
  }

  public static TableName of(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot < 1) {
      throw new IllegalArgumentException("not a schema-qualified table name: " + qualified);
    }
    return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  private static String snakeCase(String name) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a snake_case table name: " + name);
    }
    return name;
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }
}
