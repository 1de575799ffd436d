package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;

/**
 * {@code bronze.quarantine}: every record that failed its contract, with the rule, the column, the
 * offending value, the reason and the record as received. One row per (source, file, offset).
 */
public final class Quarantine {

  private Quarantine() {}

  /**
   * Writes one batch's verdicts: its quarantined records are inserted (or updated when the verdict
   * changed); {@code released} records ({@code _file}, {@code _offset}) passed this time, so an
   * earlier verdict on them is removed; and records of the batch's {@code files} that are no longer
   * in them (a file corrected and landed again) are removed too. A rerun leaves the table as it
   * was. {@code quarantinedCount} is the number of rows in {@code quarantined}, already counted by
   * the caller.
   */
  static void write(
      Lake lake,
      String source,
      List<String> files,
      Dataset<Row> quarantined,
      long quarantinedCount,
      Dataset<Row> released) {
    lake.writing(
        Tables.QUARANTINE,
        () -> merge(lake, source, files, quarantined, quarantinedCount, released));
  }

  private static void merge(
      Lake lake,
      String source,
      List<String> files,
      Dataset<Row> quarantined,
      long quarantinedCount,
      Dataset<Row> released) {
    if (!lake.exists(Tables.QUARANTINE)) {
      quarantined.write().format("delta").save(lake.location(Tables.QUARANTINE));
      return;
    }
    if (quarantinedCount == 0
        && lake.read(Tables.QUARANTINE).filter(col("_source").equalTo(source)).isEmpty()) {
      return; // nothing to add, and no earlier verdict of this source to lift
    }
    String[] columns = quarantined.columns();
    Dataset<Row> releases =
        released.select(
            java.util.Arrays.stream(columns)
                .map(
                    c ->
                        switch (c) {
                          case "_source" -> lit(source).as(c);
                          case "_file" -> col("_file");
                          case "_offset" -> col("_offset");
                          default -> lit(null).cast(quarantined.schema().apply(c).dataType()).as(c);
                        })
                .toArray(Column[]::new));
    Dataset<Row> changes =
        quarantined
            .withColumn("_release", lit(false))
            .unionByName(releases.withColumn("_release", lit(true)));
    Map<String, Column> values = new LinkedHashMap<>();
    for (String column : columns) {
      values.put(column, col("s." + column));
    }
    var merge =
        DeltaTable.forPath(lake.spark(), lake.location(Tables.QUARANTINE))
            .as("t")
            .merge(
                changes.as("s"),
                col("t._source")
                    .equalTo(col("s._source"))
                    .and(col("t._file").equalTo(col("s._file")))
                    .and(col("t._offset").equalTo(col("s._offset"))))
            .whenMatched(col("s._release"))
            .delete()
            .whenMatched("NOT s._release AND NOT (t.rule <=> s.rule AND t.reason <=> s.reason)")
            .update(values)
            .whenNotMatched(not(col("s._release")))
            .insert(values);
    if (!files.isEmpty()) {
      String fileList =
          files.stream()
              .map(f -> "'" + f.replace("'", "''") + "'")
              .collect(Collectors.joining(", "));
      merge =
          merge
              .whenNotMatchedBySource(
                  "t._source = '"
                      + source.replace("'", "''")
                      + "' AND t._file IN ("
                      + fileList
                      + ")")
              .delete();
    }
    merge.execute();
  }
}
