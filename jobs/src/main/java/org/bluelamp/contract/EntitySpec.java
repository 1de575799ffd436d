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
 * nearest} names line entities (the street network) each located record is snapped to, the nearest
 * line within {@link #NEAREST_WITHIN_METRES}; {@code tags} say who may read it
 * (sql/access/roles.yml).
 */
public record EntitySpec(
    Path file,
    String name,
    String description,
    List<String> key,
    Optional<String> eventTime,
    EntityGeometry geometry,
    List<String> areas,
    List<String> nearest,
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
    nearest = List.copyOf(nearest);
    reads = List.copyOf(reads);
    columns = List.copyOf(columns);
    derived = List.copyOf(derived);
    tags = List.copyOf(tags);
  }

  /**
   * How far a record may lie from the nearest line of a {@code nearest} entity and still be on it:
   * half a city block; a record farther from every street is off the mapped network (no street).
   */
  public static final double NEAREST_WITHIN_METRES = 100;

  /** What kind of location an entity's records carry. */
  public enum EntityGeometry {
    NONE,
    POINT,
    /** Polygons records are located in (wards, beats, small areas). */
    AREA,
    /** Lines records are snapped to (street segments). */
    LINE
  }

  /** Whether the entity's rows carry a shape ({@code geom}, {@code geom_planar}), not a point. */
  public boolean isShape() {
    return geometry == EntityGeometry.AREA || geometry == EntityGeometry.LINE;
  }

  /** The column a line entity's records are identified by: {@code <entity>_id}. */
  public String idColumn() {
    return name + "_id";
  }

  /** The column naming a line entity's records: {@code <entity>_name}. */
  public String nameColumn() {
    return name + "_name";
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
