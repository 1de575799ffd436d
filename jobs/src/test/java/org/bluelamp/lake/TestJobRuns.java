package org.bluelamp.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job rows are written in groups: none before their group is due or the run flushes, then all of
 * them in one commit; a group that is due at once writes each row as its job ends.
 */
class TestJobRuns {
  private static final Interval DAY =
      new Interval(LocalDate.of(2026, 3, 23), LocalDate.of(2026, 3, 24));

  private static void threeJobs(JobRuns runs) {
    runs.succeeded(DAY, Instant.now(), JobResult.written("silver", "silver.crime", 10));
    runs.succeeded(DAY, Instant.now(), JobResult.written("silver", "silver.incident", 20));
    runs.failed(DAY, Instant.now(), "gold", "gold.kpi", new IllegalStateException("no rows"));
  }

  private static long commits(Lake lake) {
    return lake.spark()
        .sql("DESCRIBE HISTORY delta.`" + lake.location(Tables.JOB_RUNS) + "`")
        .count();
  }

  @Test
  void rowsWaitForTheirGroupAndAreWrittenInOneCommit(@TempDir Path dir) {
    Lake lake = new Lake(SharedSpark.session(), dir.toString());
    JobRuns runs = new JobRuns(lake, "run-1", Duration.ofHours(1));
    threeJobs(runs);
    assertThat(lake.exists(Tables.JOB_RUNS)).isFalse();

    runs.flush();
    runs.flush(); // nothing left: no empty commit
    assertThat(commits(lake)).isEqualTo(1);
    assertThat(lake.read(Tables.JOB_RUNS).groupBy("status").count().collectAsList())
        .extracting(r -> Map.entry(r.getString(0), r.getLong(1)))
        .containsExactlyInAnyOrder(Map.entry("succeeded", 2L), Map.entry("failed", 1L));
  }

  @Test
  void aGroupDueAtOnceWritesEachRowAsItsJobEnds(@TempDir Path dir) {
    Lake lake = new Lake(SharedSpark.session(), dir.toString());
    threeJobs(new JobRuns(lake, "run-1", Duration.ZERO));
    assertThat(commits(lake)).isEqualTo(3);
    assertThat(lake.read(Tables.JOB_RUNS).count()).isEqualTo(3);
  }
}
