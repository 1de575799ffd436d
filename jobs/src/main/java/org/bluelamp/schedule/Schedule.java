package org.bluelamp.schedule;

import static java.util.Objects.requireNonNull;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One schedule of {@code pipelines/schedules.yaml}, resolved: the sources it ingests (as {@code
 * <force>/<system>}), the gold models it builds, or the schedule it checks or the command it runs.
 * Airflow's DAGs and {@code bluelamp run --schedule} both come from these.
 *
 * @param dag the Airflow DAG's id (per-source ingest DAGs are {@code ingest__<force>__<system>})
 * @param cron a cron expression in {@code timezone}, or empty when {@code everyMinutes} is set
 * @param checks the schedule whose sources and models must be fresh by {@code deadline}
 * @param command {@code maintain} for table maintenance
 */
public record Schedule(
    String name,
    String description,
    String dag,
    Optional<String> cron,
    OptionalInt everyMinutes,
    String timezone,
    List<String> sources,
    List<String> models,
    Optional<String> checks,
    Optional<LocalTime> deadline,
    Optional<String> command,
    Tasks tasks) {
  public Schedule {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(dag, "dag");
    requireNonNull(cron, "cron");
    requireNonNull(everyMinutes, "everyMinutes");
    requireNonNull(timezone, "timezone");
    sources = List.copyOf(sources);
    models = List.copyOf(models);
    requireNonNull(checks, "checks");
    requireNonNull(deadline, "deadline");
    requireNonNull(command, "command");
    requireNonNull(tasks, "tasks");
  }

  /** How each task of the schedule behaves in Airflow. */
  public record Tasks(String owner, int retries, int retryDelayMinutes, int timeoutMinutes) {
    public Tasks {
      requireNonNull(owner, "owner");
    }
  }
}
