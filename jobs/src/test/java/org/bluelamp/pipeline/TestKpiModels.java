package org.bluelamp.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.lake.TableName;
import org.bluelamp.synth.Truth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KPI gold models of the three-force world reconcile with the generator's truth: CompStat week
 * counts to the record, and the share of arrivals within each grade's target to the share the
 * planted response-time distributions give, within sampling error.
 */
class TestKpiModels {
  private static SampleWorld world;

  @BeforeAll
  static void runWorld() {
    world = SampleWorld.get();
    assertThat(world.firstRun.failures()).isEmpty();
  }

  private static Dataset<Row> gold(String model, Truth truth) {
    return world
        .lake
        .read(TableName.of("gold." + model))
        .filter(col("force_id").equalTo(truth.force()));
  }

  @Test
  void compstatWeekCountsEqualTheRecordedCrimesOfEachWeek() {
    for (Truth truth : world.truths) {
      Map<String, Long> planted = new HashMap<>();
      for (Truth.DailyCount count : truth.crimeCountsDaily()) {
        LocalDate monday =
            LocalDate.parse(count.localDate())
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        planted.merge(count.category() + "/" + monday, count.count(), Long::sum);
      }
      planted.values().removeIf(n -> n == 0);
      Map<String, Long> gold = new HashMap<>();
      for (Row row :
          gold("compstat_weekly", truth)
              .filter(
                  col("area_type")
                      .equalTo("force")
                      .and(col("measure_group").equalTo("crime"))
                      .and(col("week_count").gt(0)))
              .select("measure", "week_start", "week_count")
              .collectAsList()) {
        gold.put(row.getString(0) + "/" + row.getDate(1), row.getLong(2));
      }
      assertThat(gold).as(truth.force()).isNotEmpty().isEqualTo(planted);
    }
  }

  @Test
  void theShareWithinTargetMatchesThePlantedResponseTimes() {
    int checked = 0;
    for (Truth truth : world.truths) {
      for (Truth.ResponseTime planted : truth.responseTimes()) {
        Row row =
            gold("response_times", truth)
                .filter(col("grade").equalTo(planted.grade()))
                .agg(sum("arrived"), sum("within_target"), max("target_minutes"))
                .first();
        if (planted.dispatchMaxMinutes() == 0 || row.isNullAt(2) || row.getLong(0) < 30) {
          continue; // not deployed, no target, or too few arrivals to say anything
        }
        long arrived = row.getLong(0);
        double expected =
            shareWithin(planted.dispatchMaxMinutes(), planted.travelMaxMinutes(), row.getInt(2));
        double observed = row.getLong(1) / (double) arrived;
        double tolerance = 4 * Math.sqrt(expected * (1 - expected) / arrived) + 0.01;
        assertThat(observed)
            .as(truth.force() + " grade " + planted.grade() + " (" + arrived + " arrivals)")
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
        checked++;
      }
    }
    assertThat(checked).as("grades with enough arrivals").isGreaterThanOrEqualTo(3);
  }

  /**
   * P(90 s + X + Y <= target), X and Y the generator's whole-second waits to dispatch (uniform on
   * 0..60·dispatchMax-1, after 30 s) and travel (uniform on 0..60·travelMax-1, after 60 s): an
   * exact count over X.
   */
  private static double shareWithin(int dispatchMax, int travelMax, int targetMinutes) {
    long limit = 60L * targetMinutes - 90;
    long xs = 60L * dispatchMax;
    long ys = 60L * travelMax;
    long hits = 0;
    for (long x = 0; x < xs; x++) {
      long room = limit - x;
      if (room >= 0) {
        hits += Math.min(ys, room + 1);
      }
    }
    return hits / (double) (xs * ys);
  }
}
