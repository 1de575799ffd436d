package org.bluelamp.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.trino.TrinoServer;
import org.bluelamp.trino.TrinoTables;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bluelamp register}: tells an existing Trino (a cluster's) of the lake's new tables. */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Register the lake's tables that an existing Trino does not know yet in its Delta",
      "catalog (by location: later writes are visible without registering again). For a",
      "Trino of your own, e.g. on Kubernetes; './bluelamp serve' does this for the one it",
      "starts. The password, if any, comes from BLUELAMP_TRINO_PASSWORD."
    })
final class RegisterTables implements Callable<Integer> {
  @Mixin ExistingTrino trino;

  @Option(
      names = "--catalog",
      description = "The Delta catalog over the lake (default: ${DEFAULT-VALUE}).",
      defaultValue = TrinoServer.CATALOG)
  String catalog;

  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    try (Connection connection = trino.connect()) {
      TrinoTables.registerLake(
          connection, catalog, workspace.lakeRoot(), new Progress(Orchestration.OUT));
    } catch (SQLException e) {
      throw Errors.trino("register the lake's tables (" + workspace.lakeRoot() + ")", trino.url, e);
    }
    return 0;
  }
}
