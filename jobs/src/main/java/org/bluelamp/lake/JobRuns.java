package org.bluelamp.lake;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops.job_runs}: one row per job run, success or failure, appended and never rewritten. A
 * Delta commit costs about a second on one machine, as much as many a small job, so rows are
 * appended in groups: a job's row waits until {@link #GROUP} has passed since the oldest row not
 * yet written, or until the run calls {@link #flush()} at its end. A run killed outright loses at
 * most that last group of rows; its jobs then look not done (stale), never done.
 */
public final class JobRuns {

  /** How long a finished job's row may wait to be written with others. */
  static final Duration GROUP = Duration.ofSeconds(30);

  private static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("job", DataTypes.StringType, false)
          .add("target", DataTypes.StringType, false)
          .add("interval_from", DataTypes.DateType, true)
          .add("interval_to", DataTypes.DateType, true)
          .add("started_at", DataTypes.TimestampType, false)
          .add("finished_at", DataTypes.TimestampType, false)
          .add("duration_ms", DataTypes.LongType, false)
          .add("rows_read", DataTypes.LongType, false)
          .add("rows_accepted", DataTypes.LongType, false)
          .add("rows_quarantined", DataTypes.LongType, false)
          .add("rows_written", DataTypes.LongType, false)
          .add(
              "rule_failures",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType),
              false)
          .add("status", DataTypes.StringType, false)
          .add("error", DataTypes.StringType, true);

  private final Lake lake;
  private final String runId;
  private final Duration group;
  private final List<Row> pending = new ArrayList<>();
  private Instant oldestPending;

  public JobRuns(Lake lake, String runId) {
    this(lake, runId, GROUP);
  }

  JobRuns(Lake lake, String runId, Duration group) {
    this.lake = requireNonNull(lake, "lake");
    this.runId = requireNonNull(runId, "runId");
    this.group = requireNonNull(group, "group");
  }

  public String runId() {
    return runId;
  }

  public void succeeded(Interval interval, Instant started, JobResult result) {
    write(interval, started, result, "succeeded", null);
  }

  public void failed(
      Interval interval, Instant started, String job, String target, Throwable error) {
    write(
        interval,
        started,
        new JobResult(job, target, 0, 0, 0, 0, Map.of()),
        "failed",
        String.valueOf(error.getMessage()));
  }

  private void write(
      Interval interval, Instant started, JobResult result, String status, String error) {
    Instant finished = Instant.now();
    Row row =
        RowFactory.create(
            runId,
            result.job(),
            result.target(),
            interval == null ? null : java.sql.Date.valueOf(interval.from()),
            interval == null ? null : java.sql.Date.valueOf(interval.to()),
            Timestamp.from(started),
            Timestamp.from(finished),
            Duration.between(started, finished).toMillis(),
            result.rowsRead(),
            result.rowsAccepted(),
            result.rowsQuarantined(),
            result.rowsWritten(),
            scala.collection.JavaConverters.mapAsScalaMap(result.ruleFailures()),
            status,
            error);
    add(row, finished);
  }

  private synchronized void add(Row row, Instant finished) {
    pending.add(row);
    if (oldestPending == null) {
      oldestPending = finished;
    }
    if (!finished.isBefore(oldestPending.plus(group))) {
      flush();
    }
  }

  /** Writes the rows still waiting, in one commit. */
  public synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    lake.append(
        Tables.JOB_RUNS, lake.spark().createDataFrame(List.copyOf(pending), SCHEMA).coalesce(1));
    pending.clear();
    oldestPending = null;
  }

  /** When each of these targets last succeeded (absent: never), from {@code ops.job_runs}. */
  public static Map<String, Instant> lastSucceeded(Lake lake, Collection<String> targets) {
    Map<String, Instant> last = new TreeMap<>();
    if (!lake.exists(Tables.JOB_RUNS) || targets.isEmpty()) {
      return last;
    }
    lake.read(Tables.JOB_RUNS)
        .filter(col("status").equalTo("succeeded").and(col("target").isin(targets.toArray())))
        .groupBy("target")
        .agg(max("finished_at").as("finished_at"))
        .collectAsList()
        .forEach(r -> last.put(r.getString(0), r.getTimestamp(1).toInstant()));
    return last;
  }
}
