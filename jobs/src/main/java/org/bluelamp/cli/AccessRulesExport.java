package org.bluelamp.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.security.AccessControl;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bluelamp access-rules}: the access files of {@code serve}, for a Trino of one's own. */
@Command(
    name = "access-rules",
    mixinStandardHelpOptions = true,
    description = {
      "Write the access rules (rules.json) and role groups (groups.txt) that './bluelamp",
      "serve' enforces, for an existing Trino (e.g. the Helm chart's access-control",
      "ConfigMap): from sql/access/roles.yml, the tables it serves and ops.user_scope.",
      "The rules carry no secret (roles without PII read the pseudonyms the jobs stored);",
      "the password, if any, comes from BLUELAMP_TRINO_PASSWORD."
    })
final class AccessRulesExport implements Callable<Integer> {
  @Mixin ExistingTrino trino;

  @Option(names = "--out", required = true, description = "Folder to write the two files into.")
  Path out;

  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    AccessControl access =
        AccessControl.load(workspace.sql(), Pipelines.load(workspace.pipelines()));
    try (Connection connection = trino.connect()) {
      access.export(connection, out, new Progress(Orchestration.OUT));
    } catch (SQLException e) {
      throw Errors.trino("read the served tables and users", trino.url, e);
    }
    return 0;
  }
}
