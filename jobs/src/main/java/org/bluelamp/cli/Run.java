package org.bluelamp.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.lake.Interval;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run pipelines for a data interval: sources into bronze (+ quarantine), silver entities,",
      "then gold models. Every job is recorded in ops.job_runs. Rerunning an interval changes",
      "nothing. Without --from/--to, the interval is the days the files in the forces' landing",
      "folders cover (landing: in pipelines/forces/<force>.yaml)."
    })
final class Run implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--all", description = "Every declared source (the default).")
  boolean all;

  @Option(
      names = "--schedule",
      description =
          "Run what this schedule of pipelines/schedules.yaml runs, as Airflow does: its"
              + " sources into bronze and silver and its gold models, its freshness check or its"
              + " command ('./bluelamp schedules' lists them). Not with --source/--force/--model"
              + "/--layer.")
  String schedule;

  @Mixin SourceSelection selection;

  @Option(names = "--from", description = "First day of the interval (inclusive, local).")
  LocalDate from;

  @Option(names = "--to", description = "Day after the interval (exclusive, local).")
  LocalDate to;

  @Option(
      names = "--layer",
      split = ",",
      description = "Layers to build: ${COMPLETION-CANDIDATES} (default: all).")
  List<Runner.Layer> layers = new ArrayList<>(List.of(Runner.Layer.values()));

  @Option(
      names = "--reprocess",
      description = "Read every file of the interval again, not only new or changed ones.")
  boolean reprocess;

  @Option(
      names = "--model",
      description =
          "Only this gold model (gold.<domain>_<model>), with its tests; repeatable. Implies"
              + " --layer gold unless --layer is given.")
  List<String> models = new ArrayList<>();

  @Option(
      names = "--micro-batch",
      description =
          "Bring silver up to date instead of rebuilding it: merge only the records each entity"
              + " does not hold yet, refresh these sources' failed checks, leave coverage to the"
              + " next full run (schedules with every_minutes run so; docs/operations.md).")
  boolean microBatch;

  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    Progress progress = new Progress(Orchestration.OUT);
    Pipelines pipelines = Pipelines.load(workspace.pipelines());
    if (schedule != null) {
      if (!selection.isEmpty()
          || !models.isEmpty()
          || all
          || spec.commandLine().getParseResult().hasMatchedOption("--layer")) {
        throw Errors.usage(
            "--schedule decides the sources, models and layers itself",
            "drop --all/--source/--force/--model/--layer, or drop --schedule");
      }
      return ScheduleCommands.run(workspace, pipelines, schedule, from, to, reprocess, progress);
    }
    List<SourceContract> selected = selection.select(pipelines);
    Interval interval = Orchestration.interval(workspace, pipelines, from, to);
    if (!models.isEmpty() && !spec.commandLine().getParseResult().hasMatchedOption("--layer")) {
      layers = List.of(Runner.Layer.GOLD);
    }
    return Orchestration.runPipelines(
            workspace,
            pipelines,
            selected,
            layers,
            interval,
            reprocess,
            models,
            microBatch,
            progress)
        ? 0
        : 2;
  }
}
