package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;

/**
 * {@code bronze.quarantine}: every record that failed its contract, with the rule, the column, the
 * offending value, the reason and the record as received. One row per (source, file, offset).
 */
public final class Quarantine {
  public static final TableName TABLE = new TableName("bronze", "quarantine");

  private Quarantine() {}

  /**
   * Writes one batch's quarantined records. Rows of the same files that are no longer quarantined
   * (the file was corrected and landed again) are removed, so a rerun leaves exactly this batch's
   * verdicts.
   */
  static void write(Lake lake, String source, List<LandingFile> files, Dataset<Row> rows) {
    if (!lake.exists(TABLE)) {
      rows.limit(0).write().format("delta").save(lake.location(TABLE));
    }
    String fileList =
        files.stream()
            .map(f -> "'" + f.name().replace("'", "''") + "'")
            .collect(Collectors.joining(", "));
    DeltaTable.forPath(lake.spark(), lake.location(TABLE))
        .as("t")
        .merge(
            rows.as("s"),
            col("t._source")
                .equalTo(col("s._source"))
                .and(col("t._file").equalTo(col("s._file")))
                .and(col("t._offset").equalTo(col("s._offset"))))
        .whenMatched("NOT (t.rule <=> s.rule AND t.reason <=> s.reason)")
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .whenNotMatchedBySource(
            "t._source = '" + source.replace("'", "''") + "' AND t._file IN (" + fileList + ")")
        .delete()
        .execute();
    lake.register(TABLE);
  }
}
