package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A silver entity declared in {@code pipelines/entities/<entity>.yaml}: one conformed table for
 * every force. Sources feeding it map their columns onto these names; {@code derived} documents the
 * columns the silver job computes from them (classification, counting, pseudonymous keys); {@code
 * reads} names the other entities those derivations read (built first, rebuilt with them); {@code
 * nearest} names line entities (the street network) each located record is snapped to, the nearest
 * line within {@link #NEAREST_WITHIN_METRES}; {@code tags} say who may read it
 * (sql/access/roles.yml); {@code clearance} is an SQL expression over its columns giving the
 * clearance a record needs ({@link Clearance}).
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
    List<String> tags,
    Optional<String> clearance) {
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
    requireNonNull(clearance, "clearance");
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

  /** Lineage columns every silver row keeps from its bronze record. */
  public static final List<String> LINEAGE =
      List.of("_source", "_batch_id", "_ingested_at", "_file", "_offset");

  /** The location columns an entity's rows carry from bronze. */
  public List<String> geometryColumns() {
    return switch (geometry) {
      case POINT -> List.of("x_m", "y_m", "lon", "lat", "geom");
      case AREA, LINE -> List.of("geom", "geom_planar");
      case NONE -> List.of();
    };
  }

  /** {@code reported_at} -> {@code reported_local}. */
  public static String localName(String timestampColumn) {
    return timestampColumn.substring(0, timestampColumn.length() - 3) + "_local";
  }

  /** The name of an entity's deterministic row key column. */
  public String keyColumn() {
    return name + "_key";
  }

  /** A documented column of a silver table. */
  public record SilverColumn(String type, String description, boolean pii) {}

  /** Every column {@code silver.<entity>} carries, in table order, with its documentation. */
  public Map<String, SilverColumn> silverColumns() {
    Map<String, SilverColumn> columns = new LinkedHashMap<>();
    columns.put("force_id", new SilverColumn("string", "The force the record belongs to.", false));
    for (Column column : columns()) {
      columns.put(column.name(), documented(column));
    }
    for (Column column : columns()) {
      if (column.type() == ColumnType.TIMESTAMP && column.name().endsWith("_at")) {
        columns.put(
            localName(column.name()),
            new SilverColumn(
                "timestamp_ntz",
                "`" + column.name() + "` as wall-clock time in the force's zone.",
                false));
      }
    }
    eventTime()
        .ifPresent(
            t -> {
              columns.put(
                  "local_date",
                  new SilverColumn("date", "Date of `" + t + "` in the force's zone.", false));
              columns.put(
                  "local_hour",
                  new SilverColumn(
                      "int",
                      "Hour (0-23) of `" + t + "` in the force's zone; empty for a date.",
                      false));
            });
    for (String geometry : geometryColumns()) {
      columns.put(geometry, GEOMETRY.get(geometry));
    }
    for (String area : areas()) {
      columns.put(
          area + "_id",
          new SilverColumn(
              "string", "Code of the " + area + " containing the record (Sedona).", false));
      columns.put(area + "_name", new SilverColumn("string", "Name of that " + area + ".", false));
    }
    for (String line : nearest()) {
      String within = String.format("%.0f m", NEAREST_WITHIN_METRES);
      columns.put(
          line + "_id",
          new SilverColumn(
              "string",
              "The nearest "
                  + line
                  + " within "
                  + within
                  + " of the record (Sedona); empty beyond.",
              false));
      columns.put(line + "_name", new SilverColumn("string", "Name of that " + line + ".", false));
      columns.put(
          line + "_distance_m",
          new SilverColumn("double", "Distance to that " + line + " in metres (to 0.1 m).", false));
    }
    for (String lineage : LINEAGE) {
      columns.put(lineage, LINEAGE_DOCS.get(lineage));
    }
    columns.put(
        keyColumn(),
        new SilverColumn(
            "string",
            "Deterministic row key: SHA-256 (32 hex digits) of entity, force and "
                + String.join(", ", key())
                + "; the same source record has the same key on every run.",
            false));
    for (Column column : derived()) {
      columns.put(column.name(), documented(column));
    }
    clearance()
        .ifPresent(
            rule ->
                columns.put(
                    Clearance.COLUMN,
                    new SilverColumn(
                        "int",
                        "The clearance a user needs to see the record: `"
                            + rule
                            + "`; "
                            + Clearance.HIGHEST
                            + " where that is empty.",
                        false)));
    for (String column : pseudonymised()) {
      columns.put(
          Pii.pseudonym(column),
          new SilverColumn(
              "string",
              "Pseudonym of `"
                  + column
                  + "` (keyed HMAC of force and value, `pk_` + 16 hex digits): what a role"
                  + " without PII reads in its place.",
              false));
    }
    return columns;
  }

  /** The PII columns, declared and derived. */
  public List<String> piiColumns() {
    return piiOf(c -> true);
  }

  /** The PII text columns, each stored with its pseudonym ({@link Pii}). */
  public List<String> pseudonymised() {
    return piiOf(c -> c.type() == ColumnType.STRING);
  }

  private List<String> piiOf(java.util.function.Predicate<Column> kind) {
    return java.util.stream.Stream.concat(columns().stream(), derived().stream())
        .filter(c -> c.pii() && kind.test(c))
        .map(Column::name)
        .toList();
  }

  private static SilverColumn documented(Column column) {
    return new SilverColumn(column.type().sparkType(), column.description(), column.pii());
  }

  private static final Map<String, SilverColumn> GEOMETRY =
      Map.of(
          "x_m",
              new SilverColumn("double", "Easting in metres in the force's projected CRS.", false),
          "y_m",
              new SilverColumn("double", "Northing in metres in the force's projected CRS.", false),
          "lon", new SilverColumn("double", "Longitude (EPSG:4326).", false),
          "lat", new SilverColumn("double", "Latitude (EPSG:4326).", false),
          "geom", new SilverColumn("binary", "Geometry as WKB in EPSG:4326.", false),
          "geom_planar",
              new SilverColumn("binary", "Geometry as WKB in the force's projected CRS.", false));

  private static final Map<String, SilverColumn> LINEAGE_DOCS =
      Map.of(
          "_source",
              new SilverColumn("string", "The source (<force>__<system>) it came from.", false),
          "_batch_id", new SilverColumn("string", "The ingestion batch that loaded it.", false),
          "_ingested_at", new SilverColumn("timestamp", "When that batch ran (UTC).", false),
          "_file",
              new SilverColumn(
                  "string", "The landing file (or JDBC table) it was read from.", false),
          "_offset", new SilverColumn("bigint", "Line, row or record number in that file.", false));
}
