package org.bluelamp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.security.AuditGuard;
import org.bluelamp.security.AuditLog;
import org.bluelamp.trino.AuthFiles;
import org.bluelamp.trino.TrinoServer;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The process {@code serve --audit-required} leaves running beside Trino: checks the audit database
 * every few seconds and refuses users' queries while it does not answer ({@link AuditGuard}); ends
 * when Trino stops. Its pid is in {@code <run>/audit-guard.pid}, its log in {@code
 * <run>/audit-guard.log}.
 */
@Command(
    name = "audit-guard",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Refuse users' queries while the audit database is down (started by serve).")
final class AuditGuardCommand implements Callable<Integer> {
  private static final String PID = "audit-guard.pid";

  @Option(
      names = "--interval",
      description = "Seconds between checks, default ${DEFAULT-VALUE}.",
      defaultValue = "2")
  int interval;

  @Override
  public Integer call() throws InterruptedException {
    Workspace workspace = Workspace.fromEnvironment();
    Progress progress = new Progress(Orchestration.OUT);
    AuditGuard guard =
        new AuditGuard(
            new AuthFiles(workspace.trinoRun()),
            Connections.fromEnvironment(workspace.connectionDefaults())
                .resolve(AuditLog.CONNECTION));
    progress.log("audit", "guarding: users' queries run only while the audit database answers");
    while (TrinoServer.running(workspace.trinoRun(), workspace.trinoCache()).isPresent()) {
      guard.check(progress);
      Thread.sleep(interval * 1000L);
    }
    progress.log("audit", "Trino stopped; guard ends");
    return 0;
  }

  /** The running guard of {@code workspace}'s server, if any. */
  static Optional<ProcessHandle> running(Workspace workspace) {
    Path pid = workspace.trinoRun().resolve(PID);
    try {
      return Files.isRegularFile(pid)
          ? ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
              .filter(ProcessHandle::isAlive)
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Starts the guard as a process of its own (this jar, this Java), unless one runs. */
  static void start(Workspace workspace, Progress progress) {
    if (running(workspace).isPresent()) {
      progress.log("audit", "the audit guard is already running");
      return;
    }
    Path run = workspace.trinoRun();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("audit-guard");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(run.resolve("audit-guard.log").toFile()))
              .start();
      Files.writeString(run.resolve(PID), Long.toString(process.pid()));
      progress.log(
          "audit",
          "audit guard started (pid "
              + process.pid()
              + "): users' queries are refused while the audit database does not answer; log in "
              + run.resolve("audit-guard.log"));
    } catch (IOException e) {
      throw Errors.io("start the audit guard", e);
    }
  }

  /** Stops the guard, if one runs. */
  static void stop(Workspace workspace, Progress progress) {
    running(workspace)
        .ifPresent(
            guard -> {
              guard.destroy();
              progress.log("audit", "audit guard stopped");
            });
  }
}
