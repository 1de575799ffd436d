package org.bluelamp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.gold.GoldModels;
import org.bluelamp.lake.JobRuns;
import org.bluelamp.lake.TableName;
import org.bluelamp.schedule.Schedule;
import org.bluelamp.schedule.Schedules;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The schedules of {@code pipelines/schedules.yaml} on one machine: {@code run --schedule NAME}
 * runs what Airflow's DAGs for it run, {@code schedules} shows them, {@code freshness} checks that
 * a schedule's work has succeeded since a moment (the morning publication's gate).
 */
final class ScheduleCommands {
  /** Exit code of a freshness check that found stale tables. */
  static final int STALE = 3;

  private ScheduleCommands() {}

  static Schedules load(Workspace workspace, Pipelines pipelines) {
    return Schedules.load(pipelines, GoldModels.discover(workspace.sql()));
  }

  /** Runs one schedule: its sources and models, its freshness check, or its command. */
  static int run(
      Workspace workspace,
      Pipelines pipelines,
      String name,
      LocalDate from,
      LocalDate to,
      boolean reprocess,
      Progress progress) {
    Schedules schedules = load(workspace, pipelines);
    Schedule schedule = schedules.get(name);
    progress.log("schedule", name + ": " + schedule.description());
    if (schedule.command().isPresent()) {
      return Maintain.maintain(workspace, List.of(), progress);
    }
    if (schedule.checks().isPresent()) {
      Schedule checked = schedules.get(schedule.checks().get());
      return fresh(workspace, pipelines, checked, startOfToday(schedule), progress) ? 0 : STALE;
    }
    List<Runner.Layer> layers = new ArrayList<>();
    if (!schedule.sources().isEmpty()) {
      layers.addAll(List.of(Runner.Layer.BRONZE, Runner.Layer.SILVER));
    }
    if (!schedule.models().isEmpty()) {
      layers.add(Runner.Layer.GOLD);
    }
    if (layers.isEmpty()) {
      progress.log("schedule", name + " has nothing to run (no sources, no models)");
      return 0;
    }
    List<SourceContract> sources = schedule.sources().stream().map(pipelines::source).toList();
    return Orchestration.runPipelines(
            workspace,
            pipelines,
            sources,
            layers,
            Orchestration.interval(workspace, pipelines, from, to),
            reprocess,
            schedule.models(),
            // A schedule every few minutes is a micro-batch: silver is merged, not rebuilt.
            schedule.everyMinutes().isPresent(),
            progress)
        ? 0
        : 2;
  }

  /**
   * Whether every source, silver entity and gold model of the schedule has succeeded since {@code
   * since}; prints each with its last success.
   */
  static boolean fresh(
      Workspace workspace,
      Pipelines pipelines,
      Schedule schedule,
      Instant since,
      Progress progress) {
    List<SourceContract> sources = schedule.sources().stream().map(pipelines::source).toList();
    List<String> targets = new ArrayList<>();
    sources.forEach(s -> targets.add(TableName.bronze(s.id()).toString()));
    pipelines.reachedBy(sources).forEach(e -> targets.add(TableName.silver(e).toString()));
    schedule.models().forEach(m -> targets.add(TableName.gold(m).toString()));
    Map<String, Instant> last = JobRuns.lastSucceeded(workspace.lake(), targets);
    List<String> stale =
        targets.stream().filter(t -> !last.containsKey(t) || last.get(t).isBefore(since)).toList();
    for (String target : targets) {
      progress.log(
          "freshness",
          String.format(
              "%-40s last succeeded %s%s",
              target,
              last.containsKey(target) ? last.get(target) : "never",
              stale.contains(target) ? "  STALE" : ""));
    }
    if (stale.isEmpty()) {
      progress.log(
          "freshness",
          "schedule " + schedule.name() + ": all " + targets.size() + " fresh since " + since);
      return true;
    }
    progress.log(
        "freshness",
        "schedule "
            + schedule.name()
            + ": "
            + stale.size()
            + " of "
            + targets.size()
            + " not refreshed since "
            + since
            + ": "
            + stale
            + ". Look in ops.job_runs for their failures, then rerun with './bluelamp run"
            + " --schedule "
            + schedule.name()
            + "'.");
    return false;
  }

  private static Instant startOfToday(Schedule schedule) {
    ZoneId zone = ZoneId.of(schedule.timezone());
    return LocalDate.now(zone).atStartOfDay(zone).toInstant();
  }

  @Command(
      name = "schedules",
      mixinStandardHelpOptions = true,
      description = {
        "Show the schedules of pipelines/schedules.yaml as resolved: timing, Airflow DAG, the",
        "sources and gold models each runs (what 'run --schedule NAME' and the DAGs run)."
      })
  static final class Listing implements Callable<Integer> {
    @Option(names = "--json", description = "As JSON (what the DAG factory's test compares).")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
      Workspace workspace = Workspace.fromEnvironment();
      List<Schedule> all = load(workspace, Pipelines.load(workspace.pipelines())).all();
      if (json) {
        Orchestration.OUT.println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(all.stream().map(ScheduleCommands::asMap).toList()));
        return 0;
      }
      for (Schedule s : all) {
        Orchestration.OUT.printf(
            "%-12s %-22s %-16s %s%n",
            s.name(),
            s.dag(),
            s.cron().orElseGet(() -> "every " + s.everyMinutes().getAsInt() + " min"),
            s.description());
        if (!s.sources().isEmpty()) {
          Orchestration.OUT.println("             sources: " + String.join(" ", s.sources()));
        }
        if (!s.models().isEmpty()) {
          Orchestration.OUT.println("             models:  " + String.join(" ", s.models()));
        }
        s.checks()
            .ifPresent(
                c ->
                    Orchestration.OUT.println(
                        "             checks:  " + c + " by " + s.deadline().orElseThrow()));
        s.command().ifPresent(c -> Orchestration.OUT.println("             command: " + c));
      }
      return 0;
    }
  }

  static Map<String, Object> asMap(Schedule s) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", s.name());
    map.put("dag", s.dag());
    map.put("cron", s.cron().orElse(null));
    map.put("every_minutes", s.everyMinutes().isPresent() ? s.everyMinutes().getAsInt() : null);
    map.put("timezone", s.timezone());
    map.put("sources", s.sources());
    map.put("models", s.models());
    map.put("checks", s.checks().orElse(null));
    map.put("deadline", s.deadline().map(Object::toString).orElse(null));
    map.put("command", s.command().orElse(null));
    map.put("owner", s.tasks().owner());
    map.put("retries", s.tasks().retries());
    map.put("retry_delay_minutes", s.tasks().retryDelayMinutes());
    map.put("timeout_minutes", s.tasks().timeoutMinutes());
    return map;
  }

  @Command(
      name = "freshness",
      mixinStandardHelpOptions = true,
      description = {
        "Check that a schedule's sources, the silver entities they reach and its gold models",
        "have all succeeded since a moment (default: the start of today in the schedule's time",
        "zone), from ops.job_runs. Exit code 3 names what is stale: the morning publication's gate."
      })
  static final class Freshness implements Callable<Integer> {
    @Option(names = "--schedule", required = true, description = "The schedule to check.")
    String schedule;

    @Option(
        names = "--since",
        description =
            "ISO date-time with offset (2026-11-23T00:00:00Z), or a local date-time/date in the"
                + " schedule's time zone.")
    String since;

    @Override
    public Integer call() {
      Workspace workspace = Workspace.fromEnvironment();
      Pipelines pipelines = Pipelines.load(workspace.pipelines());
      Schedule checked = load(workspace, pipelines).get(schedule);
      Instant moment = since == null ? startOfToday(checked) : instant(since, checked.timezone());
      return fresh(workspace, pipelines, checked, moment, new Progress(Orchestration.OUT))
          ? 0
          : STALE;
    }
  }

  static Instant instant(String text, String zone) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(text).atZone(ZoneId.of(zone)).toInstant();
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(text).atStartOfDay(ZoneId.of(zone)).toInstant();
        } catch (DateTimeParseException notDate) {
          throw Errors.usage(
              "--since '" + text + "' is not a date-time",
              "write 2026-11-23T00:00:00Z, 2026-11-23T05:00 or 2026-11-23");
        }
      }
    }
  }
}
