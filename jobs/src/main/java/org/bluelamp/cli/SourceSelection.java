package org.bluelamp.cli;

import java.util.ArrayList;
import java.util.List;
import org.bluelamp.Errors;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import picocli.CommandLine.Option;

/** The {@code --source} and {@code --force} options of the commands that run sources. */
final class SourceSelection {
  @Option(names = "--source", description = "One source as <force>/<system>; repeatable.")
  List<String> sources = new ArrayList<>();

  @Option(names = "--force", description = "Only the sources of this force; repeatable.")
  List<String> forces = new ArrayList<>();

  boolean isEmpty() {
    return sources.isEmpty() && forces.isEmpty();
  }

  /** The sources named (all when none), of the forces named (all when none). */
  List<SourceContract> select(Pipelines pipelines) {
    forces.forEach(pipelines::force);
    List<SourceContract> selected =
        (sources.isEmpty() ? pipelines.sources() : sources.stream().map(pipelines::source).toList())
            .stream().filter(s -> forces.isEmpty() || forces.contains(s.force())).toList();
    if (selected.isEmpty()) {
      throw Errors.usage(
          "No source matches " + sources + " " + forces, "check --source and --force");
    }
    return selected;
  }
}
