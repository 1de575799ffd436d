package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A silver entity declared in {@code pipelines/entities/<entity>.yaml}: one conformed table for
 * every force. Sources feeding it map their columns onto these names; {@code derived} documents the
 * columns the silver job computes from them (classification, counting, pseudonymous keys); {@code
 * reads} names the other entities those derivations read (built first, rebuilt with them); {@code
 * tags} say who may read it (sql/access/roles.yml).
 */
public record EntitySpec(
    Path file,
    String name,
    String description,
    List<String> key,
    Optional<String> eventTime,
    EntityGeometry geometry,
    List<String> areas,
    List<String> reads,
    List<Column> columns,
    List<Column> derived,
    List<String> tags) {
  public EntitySpec {
    requireNonNull(file, "file");
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    key = List.copyOf(key);
    requireNonNull(eventTime, "eventTime");
    requireNonNull(geometry, "geometry");
    areas = List.copyOf(areas);
    reads = List.copyOf(reads);
    columns = List.copyOf(columns);
    derived = List.copyOf(derived);
    tags = List.copyOf(tags);
  }

  /** What kind of location an entity's records carry. */
  public enum EntityGeometry {
    NONE,
    POINT,
    AREA
  }

  /**
   * A documented column; a required one must be supplied by every source feeding the entity, a PII
   * one identifies a person and is only shown to roles allowed to see it.
   */
  public record Column(
      String name, ColumnType type, String description, boolean required, boolean pii) {
    public Column {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      requireNonNull(description, "description");
    }
  }
}
