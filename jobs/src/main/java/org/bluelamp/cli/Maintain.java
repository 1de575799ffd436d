package org.bluelamp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Maintenance;
import org.bluelamp.lake.TableName;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Table maintenance as pipelines/maintenance.yaml declares it: OPTIMIZE (compaction, or",
      "Z-ORDER where lookups need it), VACUUM with a safe retention (168 hours or more) and a",
      "log checkpoint, table by table; each reports what it did, also into ops.maintenance."
    })
final class Maintain implements Callable<Integer> {
  @Option(names = "--table", description = "Only this table (<schema>.<table>); repeatable.")
  List<String> tables = new ArrayList<>();

  @Override
  public Integer call() {
    return maintain(Workspace.fromEnvironment(), tables, new Progress(Orchestration.OUT));
  }

  /** Maintains the tables named (every table when none), going on past a failing one. */
  static int maintain(Workspace workspace, List<String> tables, Progress progress) {
    Lake lake = workspace.lake();
    Maintenance maintenance =
        Maintenance.load(lake, workspace.pipelines().resolve("maintenance.yaml"), progress);
    List<TableName> selected =
        tables.isEmpty() ? lake.tables() : tables.stream().map(TableName::of).toList();
    List<String> failed = new ArrayList<>();
    for (TableName table : selected) {
      if (!lake.exists(table)) {
        throw Errors.usage("No table " + table + " in " + workspace.lakeRoot(), "check --table");
      }
      try {
        maintenance.maintainAndRecord(table);
      } catch (RuntimeException e) {
        progress.log("maintain", table + ": FAILED: " + e.getMessage());
        failed.add(table.toString());
      }
    }
    progress.log(
        "maintain",
        selected.size()
            - failed.size()
            + " table(s) maintained"
            + (failed.isEmpty() ? "" : "; FAILED: " + failed));
    return failed.isEmpty() ? 0 : 2;
  }
}
