package org.bluelamp.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bluelamp.BluelampException;
import org.bluelamp.Repository;
import org.bluelamp.config.YamlNode;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.gold.GoldModel;
import org.bluelamp.gold.GoldModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pipelines/schedules.yaml resolved against the real contracts and models, and its errors. */
class TestSchedules {
  private static final Pipelines PIPELINES = Pipelines.load(Repository.pipelines());
  private static final List<GoldModel> MODELS =
      GoldModels.discover(Repository.root().resolve("sql"));
  private static final Schedules SCHEDULES = Schedules.load(PIPELINES, MODELS);

  @TempDir Path dir;

  @Test
  void liveTakesTheThreeCommandAndDispatchSourcesAndSupervisorLive() {
    Schedule live = SCHEDULES.get("live");
    assertThat(live.sources()).containsExactly("belgium/appels", "england/cad", "lebanon/cad");
    assertThat(live.models()).containsExactly("supervisor_live");
    assertThat(live.everyMinutes()).hasValue(20);
    assertThat(live.dag()).isEqualTo("supervisor_live");
  }

  @Test
  void everySourceIsInExactlyOneScheduleAndEveryModelIsBuilt() {
    List<String> claimed =
        SCHEDULES.all().stream().flatMap(s -> s.sources().stream()).sorted().toList();
    assertThat(claimed).doesNotHaveDuplicates().hasSize(PIPELINES.sources().size());
    Set<String> built = new HashSet<>();
    SCHEDULES.all().forEach(s -> built.addAll(s.models()));
    assertThat(built).containsAll(MODELS.stream().map(GoldModel::name).toList());
    // The snapshot sources are the reference schedule's: 9 boundary layers and 11 others.
    assertThat(SCHEDULES.get("reference").sources())
        .contains("england/wards", "england/roster", "lebanon/cazas")
        .hasSize(20);
  }

  @Test
  void downstreamModelsReadWhatTheSourcesReachButNotTheNamedOnes() {
    List<String> daily = SCHEDULES.get("daily").models();
    // penalty notices come from a daily source only; data-quality issues from every silver run
    assertThat(daily)
        .contains("penalty_notice_timeliness", "dq_coding_errors", "crime_counts_daily");
    assertThat(daily)
        .doesNotContain("supervisor_live", "compstat_weekly", "trend_monthly_5y", "usage_daily");
    assertThat(SCHEDULES.get("reference").models()).doesNotContain("penalty_notice_timeliness");
  }

  @Test
  void newDataReachesTheEntitiesBuiltFromIt() {
    // crime reads outcome (pipelines/entities/crime.yaml); located entities depend on the areas
    assertThat(PIPELINES.reachedBy(List.of(PIPELINES.source("england/outcomes"))))
        .containsExactly("crime", "outcome");
    assertThat(PIPELINES.reachedBy(List.of(PIPELINES.source("england/wards"))))
        .contains("area", "incident", "crime", "stop", "collision")
        .doesNotContain("officer", "outcome");
    assertThat(PIPELINES.reachedBy(List.of(PIPELINES.source("england/cad"))))
        .containsExactly("incident");
  }

  @Test
  void theMorningCheckAndMaintenance() {
    Schedule morning = SCHEDULES.get("morning");
    assertThat(morning.checks()).hasValue("daily");
    assertThat(morning.deadline()).hasValueSatisfying(d -> assertThat(d).hasToString("07:00"));
    assertThat(SCHEDULES.get("maintenance").command()).hasValue("maintain");
    assertThatThrownBy(() -> SCHEDULES.get("hourly"))
        .hasMessageContaining("Unknown schedule 'hourly'")
        .hasMessageContaining("live");
  }

  @Test
  void aSourceInTwoSchedulesIsRefused() throws IOException {
    assertRefused(
        """
        all: {cron: "0 1 * * *", sources: rest, models: downstream}
        cad: {cron: "0 2 * * *", sources: [england/cad]}
        again: {every_minutes: 20, sources: {entity: incident}, models: [supervisor_live]}
        rest_models: {cron: "0 6 * * *", models: [compstat_weekly, mayor_weekly, \
        dq_coding_errors_weekly, trend_monthly_5y, crossforce_iccs_monthly, usage_daily]}
        """,
        "source england/cad is already run by schedule 'cad'");
  }

  @Test
  void unknownOrUnscheduledModelsAndBadTimingsAreRefused() throws IOException {
    assertRefused(
        """
        all: {cron: "0 1 * * *", sources: rest, models: [crime_count_daily]}
        """,
        "unknown gold model 'crime_count_daily'");
    assertRefused(
        """
        all: {cron: "0 1 * * *", sources: rest, models: downstream}
        """,
        "no schedule builds the gold models [");
    assertRefused(
        """
        all: {cron: "0 1 * * *", every_minutes: 20, sources: rest, models: downstream}
        """,
        "exactly one of 'cron' and 'every_minutes'");
    assertRefused(
        """
        all: {cron: "0 1 * *", sources: rest, models: downstream}
        """,
        "'0 1 * *' is not a 5-field cron expression");
    assertRefused(
        """
        all: {cron: "0 1 * * *", sources: rest}
        gate: {cron: "0 5 * * *", checks: all}
        """,
        "'checks' and 'deadline' go together");
    assertRefused(
        """
        all: {cron: "0 1 * * *", sources: rest, model: downstream}
        """,
        "did you mean 'models'?");
  }

  private void assertRefused(String schedules, String message) throws IOException {
    Path file = dir.resolve("schedules.yaml");
    String indented = schedules.strip().replace("\n", "\n  ");
    Files.writeString(
        file,
        "defaults: {owner: a, retries: 1, retry_delay_minutes: 1, timeout_minutes: 1,"
            + " timezone: Europe/London}\nschedules:\n  "
            + indented
            + "\n");
    assertThatThrownBy(() -> Schedules.parse(YamlNode.read(file), PIPELINES, MODELS))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(file.toString());
  }
}
