package org.bluelamp.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bluelamp.Errors;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.resolve.ResolutionReport;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bluelamp resolution-check}: person, vehicle and place resolution against the generator's
 * identities and addresses.
 */
@Command(
    name = "resolution-check",
    mixinStandardHelpOptions = true,
    description = {
      "Score gold.person_link, gold.vehicle_link and gold.place_link against the identities",
      "and addresses the generator planted (world/truth): precision and recall on pairs of",
      "mentions per force, and the",
      "error classes (mentions merged into another entity, mentions split off their own). For",
      "persons, the recall bound: the share of true pairs whose records' details can link them",
      "(a phone; or the names with a date of birth or an address), not a name alone."
    })
final class ResolutionCheck implements Callable<Integer> {
  @Option(names = "--out", description = "Also write the report (Markdown) to this file.")
  Path out;

  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    Pipelines pipelines = Pipelines.load(workspace.pipelines());
    StringBuilder report = new StringBuilder();
    for (ResolutionReport.Kind kind : ResolutionReport.Kind.values()) {
      report
          .append("## ")
          .append(kind.name().toLowerCase(Locale.ROOT))
          .append("\n\n")
          .append(
              ResolutionReport.markdown(
                  ResolutionReport.evaluate(
                      workspace.lake(), pipelines, workspace.world().resolve("truth"), kind)))
          .append('\n');
    }
    Orchestration.OUT.print(report);
    if (out != null) {
      try {
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw Errors.io("write " + out, e);
      }
    }
    return 0;
  }
}
