package org.bluelamp.model;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A gold model: {@code sql/gold/<domain>/<model>.sql} (one Spark SQL query) with its sibling YAML
 * of docs and tests, built as {@code gold.<domain>_<model>}.
 */
public record GoldModel(
    String name,
    Path file,
    String sql,
    String description,
    List<String> grain,
    List<String> notNull,
    Set<String> dependsOn) {
  public GoldModel {
    requireNonNull(name, "name");
    requireNonNull(file, "file");
    requireNonNull(sql, "sql");
    requireNonNull(description, "description");
    grain = List.copyOf(grain);
    notNull = List.copyOf(notNull);
    dependsOn = Set.copyOf(dependsOn);
  }
}
