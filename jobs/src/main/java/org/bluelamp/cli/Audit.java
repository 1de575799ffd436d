package org.bluelamp.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Copy the queries Trino recorded (every completed query: user, SQL, tables, rows,",
      "allowed or denied) from the audit database into ops.query_audit, and rebuild",
      "gold.usage_daily. Repeating it changes nothing."
    })
final class Audit implements Callable<Integer> {
  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    Pipelines pipelines = Pipelines.load(workspace.pipelines());
    return Orchestration.runPipelines(
            workspace,
            pipelines,
            pipelines.sources(),
            List.of(Runner.Layer.GOLD),
            Orchestration.interval(workspace, pipelines, null, null),
            false,
            List.of(Orchestration.USAGE_MODEL),
            false,
            new Progress(Orchestration.OUT))
        ? 0
        : 2;
  }
}
