package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A silver entity declared in {@code pipelines/entities/<entity>.yaml}: one conformed table for
 * every force. Sources feeding it map their columns onto these names.
 */
public record EntitySpec(
    Path file,
    String name,
    String description,
    List<String> key,
    Optional<String> eventTime,
    EntityGeometry geometry,
    List<String> areas,
    List<Column> columns) {
  public EntitySpec {
    requireNonNull(file, "file");
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    key = List.copyOf(key);
    requireNonNull(eventTime, "eventTime");
    requireNonNull(geometry, "geometry");
    areas = List.copyOf(areas);
    columns = List.copyOf(columns);
  }

  /** What kind of location an entity's records carry. */
  public enum EntityGeometry {
    NONE,
    POINT,
    AREA
  }

  /** A documented column; a required one must be supplied by every source feeding the entity. */
  public record Column(String name, ColumnType type, String description, boolean required) {
    public Column {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      requireNonNull(description, "description");
    }
  }
}
