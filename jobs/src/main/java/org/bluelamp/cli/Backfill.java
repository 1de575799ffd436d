package org.bluelamp.cli;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.lake.Interval;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bluelamp backfill}: re-runs a span of past intervals, one after another. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Re-run [--from, --to) one --step at a time: each interval's files and",
      "database ranges are read again (late and corrected records included), then",
      "silver and gold are rebuilt once, placing every record in the period of its",
      "event. Progress per interval; rerunning a backfill changes nothing."
    })
final class Backfill implements Callable<Integer> {
  /** How far one interval reaches. */
  enum Step {
    DAY(Period.ofDays(1)),
    WEEK(Period.ofWeeks(1)),
    MONTH(Period.ofMonths(1));

    final Period period;

    Step(Period period) {
      this.period = period;
    }
  }

  @Option(names = "--from", required = true, description = "First day (inclusive, local).")
  LocalDate from;

  @Option(names = "--to", required = true, description = "Day after the last (exclusive, local).")
  LocalDate to;

  @Option(
      names = "--step",
      description = "One interval: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "DAY")
  Step step;

  @Mixin SourceSelection selection;

  @Option(
      names = "--model",
      description =
          "Only this gold model (gold.<domain>_<model>) after silver, with its tests; repeatable"
              + " (default: every model).")
  List<String> models = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    Progress progress = new Progress(Orchestration.OUT);
    Pipelines pipelines = Pipelines.load(workspace.pipelines());
    List<SourceContract> selected = selection.select(pipelines);
    List<Interval> intervals =
        Orchestration.interval(workspace, pipelines, from, to).split(step.period);
    progress.log(
        "backfill",
        selected.size()
            + " source(s), "
            + intervals.size()
            + " interval(s) of a "
            + step.name().toLowerCase(java.util.Locale.ROOT)
            + " from "
            + from
            + " to "
            + to);
    return Orchestration.runPipelines(
            workspace,
            pipelines,
            models.isEmpty() || models.contains(Orchestration.USAGE_MODEL),
            runner -> runner.backfill(selected, intervals, models),
            progress)
        ? 0
        : 2;
  }
}
