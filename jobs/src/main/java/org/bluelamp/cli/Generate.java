package org.bluelamp.cli;

import java.util.concurrent.Callable;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.synth.WorldGenerator;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate the deterministic sample world into $BLUELAMP_HOME/world (default .bluelamp/world):",
      "landing files of the three forces' sources, their RMS and CAD databases (PostgreSQL,",
      "MariaDB), and the truth planted in them (truth/<force>.json)."
    })
final class Generate implements Callable<Integer> {
  @CommandLine.Mixin WorldOptions world = new WorldOptions();

  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    Progress progress = new Progress(Orchestration.OUT);
    WorldGenerator.generate(
        workspace.world(),
        Pipelines.load(workspace.pipelines()),
        world.options(),
        progress,
        Connections.fromEnvironment(workspace.connectionDefaults()));
    return 0;
  }
}
