package org.bluelamp.contract;

import java.util.Set;

/** The file formats the engine reads, each with the reader options it accepts. */
public enum ReaderKind {
  CSV(Set.of("delimiter", "quote", "escape", "encoding", "header")),
  JSONL(Set.of("encoding")),
  GEOJSON(Set.of("encoding")),
  /** Fixed-width text: the columns come from {@code reader.fields} (1-based start, length). */
  FIXED(Set.of("encoding", "skip_lines")),
  /** XML: one record per {@code record} element; its attributes and child elements are columns. */
  XML(Set.of("encoding", "record")),
  /** Excel .xlsx: one sheet (by name, default the first), a header row, one record per row. */
  EXCEL(Set.of("sheet", "header", "skip_rows")),
  /** ESRI shapefiles (.shp with .shx and .dbf beside it), read by Sedona. */
  SHAPEFILE(Set.of("encoding")),
  /** Parquet, read by Spark itself; the offset is the 1-based row number in the file. */
  PARQUET(Set.of()),
  /**
   * A table of an operational database over JDBC. The contract names a {@code connection} whose URL
   * and credentials come from the environment or a connections file, never from the contract.
   */
  JDBC(Set.of("connection", "table", "watermark", "partition_column", "partitions"));

  public boolean readsFiles() {
    return this != JDBC;
  }

  /** Formats Spark reads itself (NativeRawReader), rather than file by file. */
  public boolean readBySpark() {
    return this == PARQUET || this == SHAPEFILE;
  }

  private final Set<String> options;

  ReaderKind(Set<String> options) {
    this.options = options;
  }

  public Set<String> options() {
    return options;
  }
}
