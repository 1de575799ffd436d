package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;

/**
 * {@code ops.watermarks}: for each JDBC source, the highest watermark value ingested so far. The
 * next run reads the rows above it; a failed batch does not move it.
 */
public final class Watermarks {

  private static final StructType SCHEMA =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("watermark_column", DataTypes.StringType, false)
          .add("high_water", DataTypes.StringType, false)
          .add("sql_type", DataTypes.IntegerType, false)
          .add("updated_at", DataTypes.TimestampType, false);

  /** A watermark value as text with its java.sql.Types code, so it can be bound again. */
  public record Mark(String value, int sqlType) implements java.io.Serializable {}

  private Watermarks() {}

  static Optional<Mark> read(Lake lake, String source) {
    if (!lake.exists(Tables.WATERMARKS)) {
      return Optional.empty();
    }
    List<Row> rows =
        lake.read(Tables.WATERMARKS)
            .filter(col("source").equalTo(source))
            .select("high_water", "sql_type")
            .collectAsList();
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(new Mark(rows.get(0).getString(0), rows.get(0).getInt(1)));
  }

  static void write(Lake lake, String source, String column, Mark mark) {
    Row row =
        RowFactory.create(
            source, column, mark.value(), mark.sqlType(), Timestamp.from(Instant.now()));
    lake.merge(
        Tables.WATERMARKS,
        lake.spark().createDataFrame(List.of(row), SCHEMA),
        List.of("source"),
        col("s.high_water").notEqual(col("t.high_water")));
  }
}
