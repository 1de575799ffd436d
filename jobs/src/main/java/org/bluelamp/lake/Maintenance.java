package org.bluelamp.lake;

import static java.util.Objects.requireNonNull;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.config.YamlNode;

/**
 * Table maintenance as {@code pipelines/maintenance.yaml} declares it: OPTIMIZE (compaction, or
 * Z-ORDER BY the declared columns), VACUUM with a retention of at least Delta's 168-hour floor, and
 * a checkpoint of the log. Each table reports what was done; the data read is unchanged.
 */
public final class Maintenance {
  /** Delta's own safety floor for VACUUM: shorter retention can delete files readers still use. */
  public static final int MINIMUM_RETAIN_HOURS = 168;

  private final Lake lake;
  private final int retainHours;
  private final Map<TableName, List<String>> zorder;
  private final Progress progress;

  public Maintenance(
      Lake lake, int retainHours, Map<TableName, List<String>> zorder, Progress progress) {
    this.lake = requireNonNull(lake, "lake");
    if (retainHours < MINIMUM_RETAIN_HOURS) {
      throw Errors.usage(
          "a VACUUM retention of "
              + retainHours
              + " hours could delete files that readers of older versions still use",
          "keep vacuum_retain_hours at " + MINIMUM_RETAIN_HOURS + " or more");
    }
    this.retainHours = retainHours;
    this.zorder = Map.copyOf(zorder);
    this.progress = requireNonNull(progress, "progress");
  }

  /** The Z-ORDER columns declared per table. */
  public Map<TableName, List<String>> zorder() {
    return zorder;
  }

  /** Reads {@code pipelines/maintenance.yaml}. */
  public static Maintenance load(Lake lake, Path file, Progress progress) {
    YamlNode yaml =
        YamlNode.read(file).allowOnly(java.util.Set.of("vacuum_retain_hours", "zorder"));
    Map<TableName, List<String>> zorder =
        new TreeMap<>(java.util.Comparator.comparing(TableName::toString));
    YamlNode tables = yaml.child("zorder");
    for (String table : tables.keys()) {
      zorder.put(TableName.of(table), tables.strings(table));
    }
    return new Maintenance(lake, (int) yaml.number("vacuum_retain_hours"), zorder, progress);
  }

  /** What maintenance did to one table. */
  public record Report(
      TableName table,
      long filesBefore,
      long filesAfter,
      long filesAdded,
      long filesRemoved,
      List<String> zorderBy,
      long filesVacuumed,
      long checkpointVersion) {}

  /** The maintenance history: one row per table maintained. */
  private static final StructType SCHEMA =
      new StructType()
          .add("table_name", DataTypes.StringType, false)
          .add("maintained_at", DataTypes.TimestampType, false)
          .add("files_before", DataTypes.LongType, false)
          .add("files_after", DataTypes.LongType, false)
          .add("files_added", DataTypes.LongType, false)
          .add("files_removed", DataTypes.LongType, false)
          .add("zorder_by", DataTypes.StringType, true)
          .add("files_vacuumed", DataTypes.LongType, false)
          .add("retain_hours", DataTypes.IntegerType, false)
          .add("checkpoint_version", DataTypes.LongType, false);

  /** Maintains one table and appends what was done to {@code ops.maintenance}. */
  public Report maintainAndRecord(TableName table) {
    Report report = maintain(table);
    Row row =
        RowFactory.create(
            table.toString(),
            Timestamp.from(Instant.now()),
            report.filesBefore(),
            report.filesAfter(),
            report.filesAdded(),
            report.filesRemoved(),
            report.zorderBy().isEmpty() ? null : String.join(",", report.zorderBy()),
            report.filesVacuumed(),
            retainHours,
            report.checkpointVersion());
    lake.append(Tables.MAINTENANCE, lake.spark().createDataFrame(List.of(row), SCHEMA).coalesce(1));
    return report;
  }

  public Report maintain(TableName table) {
    String location = lake.location(table);
    DeltaTable delta = DeltaTable.forPath(lake.spark(), location);
    long before = files(delta);
    List<String> columns = zorder.getOrDefault(table, List.of());
    progress.log("maintain", table + ": OPTIMIZE of " + before + " file(s)");
    Row metrics =
        (columns.isEmpty()
                ? delta.optimize().executeCompaction()
                : delta.optimize().executeZOrderBy(columns.toArray(String[]::new)))
            .select("metrics.numFilesAdded", "metrics.numFilesRemoved")
            .first();
    progress.log("maintain", table + ": VACUUM RETAIN " + retainHours + " HOURS");
    Dataset<Row> doomed =
        lake.spark()
            .sql(
                "VACUUM delta.`"
                    + location.replace("`", "``")
                    + "` RETAIN "
                    + retainHours
                    + " HOURS DRY RUN");
    long vacuumed = doomed.count();
    delta.vacuum(retainHours);
    progress.log("maintain", table + ": checkpoint");
    DeltaLog log = DeltaLog.forTable(lake.spark(), location);
    log.checkpoint();
    long version = log.update(false, scala.Option.empty(), scala.Option.empty()).version();
    Report report =
        new Report(
            table,
            before,
            files(delta),
            metrics.getLong(0),
            metrics.getLong(1),
            columns,
            vacuumed,
            version);
    progress.log(
        "maintain",
        table
            + ": "
            + report.filesBefore()
            + " -> "
            + report.filesAfter()
            + " files"
            + (columns.isEmpty()
                ? " (compacted)"
                : " (Z-ORDER BY " + String.join(", ", columns) + ")")
            + ", "
            + vacuumed
            + " unused file(s) older than "
            + retainHours
            + " h vacuumed, checkpoint at version "
            + version);
    return report;
  }

  private static long files(DeltaTable delta) {
    return delta.detail().select("numFiles").first().getLong(0);
  }
}
