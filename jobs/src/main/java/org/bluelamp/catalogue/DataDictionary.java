package org.bluelamp.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bluelamp.conform.SilverJob;
import org.bluelamp.contract.ColumnType;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Pipelines;

/**
 * The silver data dictionary, generated from {@code pipelines/entities/}: every column of every
 * silver table with its type and meaning, the PII ones marked, and the sources feeding each table.
 * {@code bluelamp docs} writes it to {@code docs/data-dictionary.md}.
 */
public final class DataDictionary {
  private DataDictionary() {}

  /** A documented column of a silver table. */
  public record Entry(String type, String description, boolean pii) {}

  /** Every column {@code silver.<entity>} carries, in table order, with its documentation. */
  public static Map<String, Entry> columns(EntitySpec entity) {
    Map<String, Entry> columns = new LinkedHashMap<>();
    columns.put("force_id", new Entry("string", "The force the record belongs to.", false));
    for (EntitySpec.Column column : entity.columns()) {
      columns.put(column.name(), entry(column));
    }
    for (EntitySpec.Column column : entity.columns()) {
      if (column.type() == ColumnType.TIMESTAMP && column.name().endsWith("_at")) {
        columns.put(
            SilverJob.localName(column.name()),
            new Entry(
                "timestamp_ntz",
                "`" + column.name() + "` as wall-clock time in the force's zone.",
                false));
      }
    }
    entity
        .eventTime()
        .ifPresent(
            t -> {
              columns.put(
                  "local_date",
                  new Entry("date", "Date of `" + t + "` in the force's zone.", false));
              columns.put(
                  "local_hour",
                  new Entry(
                      "int",
                      "Hour (0-23) of `" + t + "` in the force's zone; empty for a date.",
                      false));
            });
    for (String geometry : SilverJob.geometryColumns(entity)) {
      columns.put(geometry, GEOMETRY.get(geometry));
    }
    for (String area : entity.areas()) {
      columns.put(
          area + "_id",
          new Entry("string", "Code of the " + area + " containing the record (Sedona).", false));
      columns.put(area + "_name", new Entry("string", "Name of that " + area + ".", false));
    }
    for (String line : entity.nearest()) {
      String within = String.format("%.0f m", EntitySpec.NEAREST_WITHIN_METRES);
      columns.put(
          line + "_id",
          new Entry(
              "string",
              "The nearest "
                  + line
                  + " within "
                  + within
                  + " of the record (Sedona); empty beyond.",
              false));
      columns.put(line + "_name", new Entry("string", "Name of that " + line + ".", false));
      columns.put(
          line + "_distance_m",
          new Entry("double", "Distance to that " + line + " in metres (to 0.1 m).", false));
    }
    for (String lineage : SilverJob.LINEAGE) {
      columns.put(lineage, LINEAGE.get(lineage));
    }
    columns.put(
        SilverJob.keyColumn(entity),
        new Entry(
            "string",
            "Deterministic row key: SHA-256 (32 hex digits) of entity, force and "
                + String.join(", ", entity.key())
                + "; the same source record has the same key on every run.",
            false));
    for (EntitySpec.Column column : entity.derived()) {
      columns.put(column.name(), entry(column));
    }
    return columns;
  }

  private static Entry entry(EntitySpec.Column column) {
    return new Entry(column.type().sparkType(), column.description(), column.pii());
  }

  private static final Map<String, Entry> GEOMETRY =
      Map.of(
          "x_m", new Entry("double", "Easting in metres in the force's projected CRS.", false),
          "y_m", new Entry("double", "Northing in metres in the force's projected CRS.", false),
          "lon", new Entry("double", "Longitude (EPSG:4326).", false),
          "lat", new Entry("double", "Latitude (EPSG:4326).", false),
          "geom", new Entry("binary", "Geometry as WKB in EPSG:4326.", false),
          "geom_planar",
              new Entry("binary", "Geometry as WKB in the force's projected CRS.", false));

  private static final Map<String, Entry> LINEAGE =
      Map.of(
          "_source", new Entry("string", "The source (<force>__<system>) it came from.", false),
          "_batch_id", new Entry("string", "The ingestion batch that loaded it.", false),
          "_ingested_at", new Entry("timestamp", "When that batch ran (UTC).", false),
          "_file", new Entry("string", "The landing file (or JDBC table) it was read from.", false),
          "_offset", new Entry("bigint", "Line, row or record number in that file.", false));

  /** The whole dictionary as Markdown. */
  public static String render(Pipelines pipelines) {
    StringBuilder md = new StringBuilder();
    md.append("# Silver data dictionary\n\n")
        .append("Generated from `pipelines/entities/` by `./bluelamp docs`; do not edit by hand.\n")
        .append("Every silver table holds all forces (`force_id`). Columns marked PII identify a\n")
        .append("person: only roles allowed to see PII read them (see docs/serving.md).\n");
    for (EntitySpec entity : new TreeMap<>(pipelines.entities()).values()) {
      md.append("\n## silver.").append(entity.name()).append("\n\n");
      md.append(entity.description().strip()).append("\n\n");
      md.append("Key: ").append(String.join(", ", entity.key()));
      entity.eventTime().ifPresent(t -> md.append(". Event time: ").append(t));
      md.append(". Fed by: ");
      md.append(
          String.join(
              ", ",
              pipelines.feeding(entity.name()).stream()
                  .map(s -> "`" + s.force() + "/" + s.system() + "`")
                  .toList()));
      if (!entity.tags().isEmpty()) {
        md.append(". Tags (who reads it, sql/access/roles.yml): ")
            .append(String.join(", ", entity.tags()));
      }
      md.append(".\n\n| column | type | description |\n|---|---|---|\n");
      for (Map.Entry<String, Entry> column : columns(entity).entrySet()) {
        Entry e = column.getValue();
        md.append("| `")
            .append(column.getKey())
            .append("` | ")
            .append(e.type())
            .append(" | ")
            .append(e.pii() ? "**PII.** " : "")
            .append(e.description().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return md.toString();
  }
}
