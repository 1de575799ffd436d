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
      "Pseudonyms are keyed by BLUELAMP_PSEUDONYM_KEY (keep it secret, and the same on",
      "every export); the password, if any, comes from BLUELAMP_TRINO_PASSWORD."
    })
final class AccessRulesExport implements Callable<Integer> {
  static final String KEY = "BLUELAMP_PSEUDONYM_KEY";

  @Mixin ExistingTrino trino;

  @Option(names = "--out", required = true, description = "Folder to write the two files into.")
  Path out;

  @Override
  public Integer call() {
    String key = System.getenv(KEY);
    if (key == null || key.length() < 16) {
      throw Errors.usage(
          KEY + " is " + (key == null ? "not set" : "shorter than 16 characters"),
          "set it to a long random secret (e.g. openssl rand -hex 32), kept in your secret"
              + " store: the same key gives every person the same pseudonym on every export");
    }
    Workspace workspace = Workspace.fromEnvironment();
    AccessControl access =
        AccessControl.load(workspace.sql(), Pipelines.load(workspace.pipelines()));
    try (Connection connection = trino.connect()) {
      access.export(connection, key, out, new Progress(Orchestration.OUT));
    } catch (SQLException e) {
      throw Errors.trino("read the served tables and users", trino.url, e);
    }
    return 0;
  }
}
