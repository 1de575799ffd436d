package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;

/**
 * {@code ops.ingested_files}: which landing files each source has ingested, by name, size and
 * modification time. A file already ingested is not read again; one landed again under the same
 * name with another size or time is read again (its quarantine verdicts are then replaced).
 */
public final class FileLedger {

  private static final StructType SCHEMA =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("file", DataTypes.StringType, false)
          .add("size", DataTypes.LongType, false)
          .add("modified_at", DataTypes.TimestampType, false)
          .add("batch_id", DataTypes.StringType, false)
          .add("ingested_at", DataTypes.TimestampType, false);

  private FileLedger() {}

  /**
   * The files of {@code files} to read: with {@code reprocess} all of them, else those not yet
   * ingested in exactly this version (name, size and modification time).
   */
  static Pending pending(Lake lake, String source, List<LandingFile> files, boolean reprocess) {
    boolean kept = lake.exists(Tables.INGESTED_FILES);
    if (reprocess || !kept) {
      return new Pending(files, kept);
    }
    Set<String> seen = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Row row :
        lake.read(Tables.INGESTED_FILES)
            .filter(col("source").equalTo(source))
            .select("file", "size", "modified_at")
            .collectAsList()) {
      seen.add(version(row.getString(0), row.getLong(1), row.getTimestamp(2).getTime()));
      names.add(row.getString(0));
    }
    List<LandingFile> unseen =
        files.stream()
            .filter(f -> !seen.contains(version(f.name(), f.size(), f.modifiedAt())))
            .toList();
    return new Pending(unseen, unseen.stream().anyMatch(f -> names.contains(f.name())));
  }

  /**
   * Files to ingest; {@code replacing} when the ledger may already hold a version of one of them
   * (recording them then updates rows; else it only adds them, a cheaper append).
   */
  record Pending(List<LandingFile> files, boolean replacing) {}

  private static String version(String name, long size, long modifiedAt) {
    return name + "|" + size + "|" + modifiedAt;
  }

  static void record(Lake lake, String source, Pending pending, String batchId) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows =
        pending.files().stream()
            .map(
                f ->
                    RowFactory.create(
                        source, f.name(), f.size(), new Timestamp(f.modifiedAt()), batchId, now))
            .toList();
    var data = lake.spark().createDataFrame(rows, SCHEMA);
    if (!pending.replacing()) {
      lake.append(Tables.INGESTED_FILES, data);
      return;
    }
    lake.merge(
        Tables.INGESTED_FILES,
        data,
        List.of("source", "file"),
        col("s.size")
            .notEqual(col("t.size"))
            .or(col("s.modified_at").notEqual(col("t.modified_at"))));
  }
}
