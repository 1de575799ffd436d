package org.bluelamp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.security.AccessControl;
import org.bluelamp.security.Users;
import org.bluelamp.trino.TrinoServer;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bluelamp user add|remove|list}: who may query, in which role and scope. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the people who query the lake through Trino: each has one role of",
      "sql/access/roles.yml and, for force-scoped roles, forces (and optionally wards and a",
      "clearance). Kept in ops.user_scope; a running server picks changes up within seconds."
    },
    subcommands = {UserCommands.Add.class, UserCommands.Remove.class, UserCommands.ListUsers.class})
final class UserCommands implements Callable<Integer> {
  @Override
  public Integer call() {
    new picocli.CommandLine(this).usage(Orchestration.OUT);
    return 0;
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add a user, or replace their role and scope.")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", description = "User name (lower-case letters, digits, . _ -).")
    String name;

    @Option(names = "--role", required = true, description = "A role of sql/access/roles.yml.")
    String role;

    @Option(names = "--force", description = "A force the user works for; repeatable.")
    List<String> forces = new ArrayList<>();

    @Option(
        names = "--ward",
        description = "Only these wards in tables tagged for area scope (ward code); repeatable.")
    List<String> wards = new ArrayList<>();

    @Option(
        names = "--clearance",
        description = "Clearance level for graded tables (e.g. intelligence), default 1.",
        defaultValue = "1")
    int clearance;

    @Option(
        names = "--password-stdin",
        description = "Read a password (for 'serve --secure') from the first line of stdin.")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
      Workspace workspace = Workspace.fromEnvironment();
      char[] password = null;
      if (passwordStdin) {
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
          throw Errors.usage(
              "no password on stdin", "pipe it in: echo \"$PW\" | bluelamp user add");
        }
        password = line.toCharArray();
      }
      put(
          workspace,
          Pipelines.load(workspace.pipelines()),
          new Users.User(name, role, forces, wards, clearance),
          password,
          new Progress(Orchestration.OUT));
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
  static final class Remove implements Callable<Integer> {
    @Parameters(index = "0", description = "User name.")
    String name;

    @Override
    public Integer call() {
      Workspace workspace = Workspace.fromEnvironment();
      Progress progress = new Progress(Orchestration.OUT);
      boolean existed = Users.remove(workspace.lake(), name);
      Users.setPassword(workspace.trinoRun(), name, null);
      progress.log("user", existed ? name + " removed" : "no user " + name);
      sync(
          workspace,
          Orchestration.access(workspace, Pipelines.load(workspace.pipelines())),
          progress);
      return existed ? 0 : 1;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
  static final class ListUsers implements Callable<Integer> {
    @Override
    public Integer call() {
      for (Row row : Users.all(Workspace.fromEnvironment().lake()).collectAsList()) {
        Orchestration.OUT.printf(
            "%-24s %-14s force=%-10s ward=%-12s clearance=%d%n",
            row.getString(0), row.getString(1), row.get(2), row.get(3), row.getInt(4));
      }
      return 0;
    }
  }

  /** Adds or replaces a user (and their password), then updates a running server. */
  static void put(
      Workspace workspace,
      Pipelines pipelines,
      Users.User user,
      char[] password,
      Progress progress) {
    AccessControl access = Orchestration.access(workspace, pipelines);
    Users.validate(user, access.policy(), pipelines);
    Users.put(workspace.lake(), user);
    if (password != null) {
      Users.setPassword(workspace.trinoRun(), user.name(), password);
    }
    progress.log(
        "user",
        user.name()
            + ": role "
            + user.role()
            + ", forces "
            + user.forces()
            + ", wards "
            + user.wards()
            + ", clearance "
            + user.clearance()
            + (password != null ? ", password set" : ""));
    sync(workspace, access, progress);
  }

  private static void sync(Workspace workspace, AccessControl access, Progress progress) {
    TrinoServer.running(workspace.trinoRun(), workspace.trinoCache())
        .ifPresentOrElse(
            trino -> access.publish(trino, workspace.lakeRoot(), progress),
            () -> progress.log("user", "no Trino running: the next './bluelamp serve' applies it"));
  }
}
