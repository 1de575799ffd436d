package org.bluelamp.cli;

import java.util.concurrent.Callable;
import org.bluelamp.Progress;
import org.bluelamp.trino.TrinoServer;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Start Trino "
          + org.bluelamp.trino.TrinoDistribution.VERSION
          + " on loopback over the lake, register its tables in the catalog 'lake'",
      "and apply the access rules of sql/access/roles.yml (users: 'bluelamp user add'). Every",
      "query is audited. The server is fetched through Maven once and needs a Java 24+ JDK",
      "(found under /usr/lib/jvm, or set BLUELAMP_TRINO_JAVA_HOME)."
    })
final class Serve implements Callable<Integer> {
  @Option(
      names = "--port",
      description = "HTTP port, default ${DEFAULT-VALUE} (a free one if taken).",
      defaultValue = "8080")
  int port;

  @Option(names = "--stop", description = "Stop the running server.")
  boolean stop;

  @Option(
      names = "--secure",
      description =
          "HTTPS with password authentication (passwords set by 'bluelamp user add"
              + " --password-stdin'), instead of trusted user names on loopback.")
  boolean secure;

  @Option(
      names = "--audit-required",
      description =
          "Refuse every user's query while the audit database does not answer (a process beside"
              + " Trino checks it every 2 s), instead of running queries unrecorded.")
  boolean auditRequired;

  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    Progress progress = new Progress(Orchestration.OUT);
    if (stop) {
      TrinoServer.running(workspace.trinoRun(), workspace.trinoCache())
          .ifPresentOrElse(
              trino -> {
                trino.stop();
                progress.log("serve", "Trino on port " + trino.port() + " stopped");
              },
              () -> progress.log("serve", "no Trino server is running for " + workspace.home()));
      AuditGuardCommand.stop(workspace, progress);
      return 0;
    }
    TrinoServer trino = Orchestration.serve(workspace, port, secure, progress);
    if (auditRequired) {
      AuditGuardCommand.start(workspace, progress);
    }
    Orchestration.printConnection(trino);
    return 0;
  }
}
