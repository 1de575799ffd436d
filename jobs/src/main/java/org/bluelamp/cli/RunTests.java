package org.bluelamp.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole test suite (unit, component and integration tests, including a real Trino)",
      "with Maven: the same command CI runs (.ci/run)."
    })
final class RunTests implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    Workspace workspace = Workspace.fromEnvironment();
    List<String> command = new ArrayList<>(Arrays.asList("mvn", "-B", "verify"));
    return new ProcessBuilder(command)
        .directory(workspace.repository().toFile())
        .inheritIO()
        .start()
        .waitFor();
  }
}
