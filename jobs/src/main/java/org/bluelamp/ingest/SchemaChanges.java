package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;

/**
 * {@code ops.schema_changes}: columns a source started sending that its contract does not declare.
 * They are accepted (kept in bronze's {@code _extra} map, so nothing is lost) and listed here once,
 * with the file they first appeared in, until the contract maps them.
 */
public final class SchemaChanges {

  private static final StructType SCHEMA =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("column", DataTypes.StringType, false)
          .add("change", DataTypes.StringType, false)
          .add("first_file", DataTypes.StringType, false)
          .add("detected_at", DataTypes.TimestampType, false);

  private SchemaChanges() {}

  /** Records new columns (column name -> first file); already known ones are left as they are. */
  static void newColumns(Lake lake, String source, Map<String, String> columns) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows =
        columns.entrySet().stream()
            .map(e -> RowFactory.create(source, e.getKey(), "new_column", e.getValue(), now))
            .toList();
    lake.merge(
        Tables.SCHEMA_CHANGES,
        lake.spark().createDataFrame(rows, SCHEMA),
        List.of("source", "column", "change"),
        col("s.source").isNull());
  }
}
