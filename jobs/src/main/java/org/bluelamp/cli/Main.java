package org.bluelamp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.BluelampException;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.docs.DataDictionary;
import org.bluelamp.docs.ModelCatalogue;
import org.bluelamp.ingest.Connections;
import org.bluelamp.ingest.Landing;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.JobRuns;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Maintenance;
import org.bluelamp.lake.TableName;
import org.bluelamp.model.GoldModels;
import org.bluelamp.serve.AccessControl;
import org.bluelamp.serve.AuditLog;
import org.bluelamp.serve.TrinoServer;
import org.bluelamp.serve.Users;
import org.bluelamp.synth.Truth;
import org.bluelamp.synth.WorldGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code bluelamp} command. */
@Command(
    name = "bluelamp",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Bluelamp: an open-source police data lakehouse (Spark + Delta + Sedona + Trino).",
    subcommands = {
      Main.Generate.class,
      Main.Run.class,
      Main.Serve.class,
      Main.Demo.class,
      UserCommands.class,
      Main.Audit.class,
      Main.Maintain.class,
      ScheduleCommands.Listing.class,
      ScheduleCommands.Freshness.class,
      Main.Docs.class,
      Main.Test.class
    })
public final class Main implements Callable<Integer> {
  static final PrintStream OUT = System.out;

  public static void main(String[] args) {
    System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(
        (error, line, parsed) -> {
          Throwable cause = error;
          while (cause != null && !(cause instanceof BluelampException)) {
            cause = cause.getCause();
          }
          line.getErr().println("bluelamp: " + (cause != null ? cause.getMessage() : error));
          if (cause == null) {
            error.printStackTrace(line.getErr());
          }
          return 1;
        });
    int code = commandLine.execute(args);
    // Stopped here, not by the JVM's shutdown hooks: on a cluster (local-cluster included) the
    // hooks would stop the workers while the executors are still registered, and the master would
    // relaunch them and report the application FAILED.
    scala.Option<SparkSession> session = SparkSession.getDefaultSession();
    if (session.isDefined()) {
      session.get().stop();
    }
    System.exit(code);
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(OUT);
    return 0;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"bluelamp " + (version == null ? "(development build)" : version)};
    }
  }

  /** Options for the sample world. */
  static final class WorldOptions {
    @Option(
        names = "--start",
        description = "First day (local), default ${DEFAULT-VALUE}.",
        defaultValue = "2026-03-02")
    LocalDate start;

    @Option(
        names = "--days",
        description = "Number of days, default ${DEFAULT-VALUE}.",
        defaultValue = "14")
    int days;

    @Option(
        names = "--scale",
        description =
            "1.0 = a force-year of realistic volume (~2,000 calls a day in the English force);"
                + " default ${DEFAULT-VALUE}.",
        defaultValue = "0.05")
    double scale;

    @Option(
        names = "--seed",
        description = "Random seed, default ${DEFAULT-VALUE}.",
        defaultValue = "20260302")
    long seed;

    WorldGenerator.Options options() {
      return new WorldGenerator.Options(start, days, scale, seed);
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Generate the deterministic sample world into $BLUELAMP_HOME/world (default .bluelamp/world):",
        "landing files of the three forces' sources, their RMS and CAD databases (PostgreSQL,",
        "MariaDB), and the truth planted in them (truth/<force>.json)."
      })
  static final class Generate implements Callable<Integer> {
    @CommandLine.Mixin WorldOptions world = new WorldOptions();

    @Override
    public Integer call() {
      Workspace workspace = Workspace.fromEnvironment();
      Progress progress = new Progress(OUT);
      WorldGenerator.generate(
          workspace.world(),
          Pipelines.load(workspace.pipelines()),
          world.options(),
          progress,
          Connections.fromEnvironment(workspace.connectionDefaults()));
      return 0;
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run pipelines for a data interval: sources into bronze (+ quarantine), silver entities,",
        "then gold models. Every job is recorded in ops.job_runs. Rerunning an interval changes",
        "nothing. Without --from/--to, the whole generated world is the interval."
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--all", description = "Every declared source (the default).")
    boolean all;

    @Option(
        names = "--schedule",
        description =
            "Run what this schedule of pipelines/schedules.yaml runs, as Airflow does: its"
                + " sources into bronze and silver and its gold models, its freshness check or its"
                + " command ('./bluelamp schedules' lists them). Not with --source/--force/--model"
                + "/--layer.")
    String schedule;

    @Option(names = "--source", description = "One source as <force>/<system>; repeatable.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--force", description = "Only the sources of this force; repeatable.")
    List<String> forces = new ArrayList<>();

    @Option(names = "--from", description = "First day of the interval (inclusive, local).")
    LocalDate from;

    @Option(names = "--to", description = "Day after the interval (exclusive, local).")
    LocalDate to;

    @Option(
        names = "--layer",
        split = ",",
        description = "Layers to build: ${COMPLETION-CANDIDATES} (default: all).")
    List<Runner.Layer> layers = new ArrayList<>(List.of(Runner.Layer.values()));

    @Option(
        names = "--reprocess",
        description = "Read every file of the interval again, not only new or changed ones.")
    boolean reprocess;

    @Option(
        names = "--model",
        description =
            "Only this gold model (gold.<domain>_<model>), with its tests; repeatable. Implies"
                + " --layer gold unless --layer is given.")
    List<String> models = new ArrayList<>();

    @Override
    public Integer call() {
      Workspace workspace = Workspace.fromEnvironment();
      Progress progress = new Progress(OUT);
      Pipelines pipelines = Pipelines.load(workspace.pipelines());
      if (schedule != null) {
        if (!sources.isEmpty()
            || !forces.isEmpty()
            || !models.isEmpty()
            || all
            || spec.commandLine().getParseResult().hasMatchedOption("--layer")) {
          throw Errors.usage(
              "--schedule decides the sources, models and layers itself",
              "drop --all/--source/--force/--model/--layer, or drop --schedule");
        }
        return ScheduleCommands.run(workspace, pipelines, schedule, from, to, reprocess, progress);
      }
      forces.forEach(pipelines::force);
      List<SourceContract> selected =
          (sources.isEmpty()
                  ? pipelines.sources()
                  : sources.stream().map(pipelines::source).toList())
              .stream().filter(s -> forces.isEmpty() || forces.contains(s.force())).toList();
      if (selected.isEmpty()) {
        throw Errors.usage(
            "No source matches " + sources + " " + forces, "check --source and --force");
      }
      Interval interval = interval(workspace, from, to);
      if (!models.isEmpty() && !spec.commandLine().getParseResult().hasMatchedOption("--layer")) {
        layers = List.of(Runner.Layer.GOLD);
      }
      return runPipelines(
              workspace, pipelines, selected, layers, interval, reprocess, models, progress)
          ? 0
          : 2;
    }
  }

  static Interval interval(Workspace workspace, LocalDate from, LocalDate to) {
    if (from != null && to != null) {
      return new Interval(from, to);
    }
    if (from != null || to != null) {
      throw Errors.usage(
          "Only one of --from/--to given", "give both, e.g. --from 2026-03-02 --to 2026-03-09");
    }
    Path truth = WorldGenerator.truthFile(workspace.world(), "england");
    if (!truth.toFile().isFile()) {
      throw Errors.usage(
          "No interval given and no generated world at " + workspace.world(),
          "pass --from D1 --to D2, or run './bluelamp generate' first");
    }
    Truth world = WorldGenerator.readTruth(workspace.world(), "england");
    LocalDate start = LocalDate.parse(world.start());
    return new Interval(start, start.plusDays(world.days()));
  }

  static boolean runPipelines(
      Workspace workspace,
      Pipelines pipelines,
      List<SourceContract> sources,
      List<Runner.Layer> layers,
      Interval interval,
      boolean reprocess,
      List<String> models,
      Progress progress) {
    progress.log("run", sources.size() + " source(s), layers " + layers + ", interval " + interval);
    Lake lake = workspace.lake();
    SparkSession spark = lake.spark();
    progress.log("run", "Spark " + spark.version() + " ready");
    Connections connections = Connections.fromEnvironment(workspace.connectionDefaults());
    Optional<TrinoServer> trino = TrinoServer.running(workspace.trinoRun(), workspace.trinoCache());
    if (layers.contains(Runner.Layer.GOLD)) {
      copyAudit(lake, connections, progress);
    }
    String runId = UUID.randomUUID().toString();
    Landing landing =
        new Landing(
            WorldGenerator.landing(workspace.world()).toString(),
            spark.sparkContext().hadoopConfiguration());
    Runner.Outcome outcome =
        new Runner(
                lake,
                pipelines,
                landing,
                workspace.sql(),
                progress,
                new JobRuns(lake, runId),
                connections)
            .run(sources, layers, interval, reprocess, models);
    trino.ifPresent(t -> access(workspace, pipelines).publish(t, workspace.lakeRoot(), progress));
    if (!outcome.succeeded()) {
      progress.log(
          "run",
          outcome.failures().size()
              + " job(s) FAILED (see above and ops.job_runs, run "
              + runId
              + "):");
      outcome.failures().forEach(f -> progress.log("run", "  " + f));
      return false;
    }
    progress.log(
        "run", "done: " + outcome.results().size() + " jobs succeeded (run " + runId + ")");
    return true;
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Start Trino "
            + org.bluelamp.serve.TrinoDistribution.VERSION
            + " on loopback over the lake, register its tables in the catalog 'lake'",
        "and apply the access rules of sql/access/roles.yml (users: 'bluelamp user add'). Every",
        "query is audited. The server is fetched through Maven once and needs a Java 24+ JDK",
        "(found under /usr/lib/jvm, or set BLUELAMP_TRINO_JAVA_HOME)."
      })
  static final class Serve implements Callable<Integer> {
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

    @Override
    public Integer call() {
      Workspace workspace = Workspace.fromEnvironment();
      Progress progress = new Progress(OUT);
      if (stop) {
        TrinoServer.running(workspace.trinoRun(), workspace.trinoCache())
            .ifPresentOrElse(
                trino -> {
                  trino.stop();
                  progress.log("serve", "Trino on port " + trino.port() + " stopped");
                },
                () -> progress.log("serve", "no Trino server is running for " + workspace.home()));
        return 0;
      }
      TrinoServer trino = serve(workspace, port, secure, progress);
      printConnection(trino);
      return 0;
    }
  }

  static TrinoServer serve(Workspace workspace, int port, boolean secure, Progress progress) {
    Pipelines pipelines = Pipelines.load(workspace.pipelines());
    AccessControl access = access(workspace, pipelines);
    TrinoServer trino =
        TrinoServer.start(
            workspace.trinoRun(),
            workspace.trinoCache(),
            port,
            workspace.lakeRoot(),
            Connections.fromEnvironment(workspace.connectionDefaults())
                .resolve(AuditLog.CONNECTION),
            secure,
            progress);
    access.publish(trino, workspace.lakeRoot(), progress);
    return trino;
  }

  /**
   * Brings ops.query_audit up to date (gold.usage_daily reads it); a failure is reported, not
   * fatal: the usage table is then a run behind.
   */
  static void copyAudit(Lake lake, Connections connections, Progress progress) {
    try {
      AuditLog.copy(lake, connections.resolve(AuditLog.CONNECTION), progress);
    } catch (RuntimeException e) {
      progress.log(
          "audit",
          "WARNING: query audit not copied, gold.usage_daily is stale (run './bluelamp audit'"
              + " once the audit database answers): "
              + e.getMessage());
    }
  }

  static AccessControl access(Workspace workspace, Pipelines pipelines) {
    return AccessControl.load(workspace.sql(), pipelines);
  }

  static void printConnection(TrinoServer trino) {
    OUT.println();
    OUT.println("Connect a SQL client or BI tool with the Trino JDBC driver:");
    OUT.println(
        "  URL   "
            + trino.jdbcUrl()
            + (trino.secure()
                ? "   (user and password as set by './bluelamp user add')"
                : "   (user: a name added by './bluelamp user add'; no password on loopback)"));
    OUT.println("  e.g.  SELECT * FROM lake.gold.crime_counts_daily LIMIT 10");
    OUT.println("Stop it with: ./bluelamp serve --stop");
  }

  @Command(
      name = "audit",
      mixinStandardHelpOptions = true,
      description = {
        "Copy the queries Trino recorded (every completed query: user, SQL, tables, rows,",
        "allowed or denied) from the audit database into ops.query_audit, and rebuild",
        "gold.usage_daily. Repeating it changes nothing."
      })
  static final class Audit implements Callable<Integer> {
    @Override
    public Integer call() {
      Workspace workspace = Workspace.fromEnvironment();
      Pipelines pipelines = Pipelines.load(workspace.pipelines());
      return runPipelines(
              workspace,
              pipelines,
              pipelines.sources(),
              List.of(Runner.Layer.GOLD),
              interval(workspace, null, null),
              false,
              List.of(USAGE_MODEL),
              new Progress(OUT))
          ? 0
          : 2;
    }
  }

  static final String USAGE_MODEL = "usage_daily";

  @Command(
      name = "maintain",
      mixinStandardHelpOptions = true,
      description = {
        "Table maintenance as pipelines/maintenance.yaml declares it: OPTIMIZE (compaction, or",
        "Z-ORDER where lookups need it), VACUUM with a safe retention (168 hours or more) and a",
        "log checkpoint, table by table; each reports what it did, also into ops.maintenance."
      })
  static final class Maintain implements Callable<Integer> {
    @Option(names = "--table", description = "Only this table (<schema>.<table>); repeatable.")
    List<String> tables = new ArrayList<>();

    @Override
    public Integer call() {
      return maintain(Workspace.fromEnvironment(), tables, new Progress(OUT));
    }
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

  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description = {
        "The whole slice on this machine: generate the sample world, run every pipeline, start",
        "Trino, and answer a few questions through it. Trino keeps running afterwards."
      })
  static final class Demo implements Callable<Integer> {
    @CommandLine.Mixin WorldOptions world = new WorldOptions();

    @Option(
        names = "--port",
        description = "Trino HTTP port, default ${DEFAULT-VALUE}.",
        defaultValue = "8080")
    int port;

    @Override
    public Integer call() throws SQLException {
      Workspace workspace = Workspace.fromEnvironment();
      Progress progress = new Progress(OUT);
      Pipelines pipelines = Pipelines.load(workspace.pipelines());
      startAfreshIfTheWorldChanged(workspace, world.options(), progress);
      WorldGenerator.generate(
          workspace.world(),
          pipelines,
          world.options(),
          progress,
          Connections.fromEnvironment(workspace.connectionDefaults()));
      Interval interval = new Interval(world.start, world.start.plusDays(world.days));
      boolean succeeded =
          runPipelines(
              workspace,
              pipelines,
              pipelines.sources(),
              List.of(Runner.Layer.values()),
              interval,
              true,
              List.of(),
              progress);
      TrinoServer trino = serve(workspace, port, false, progress);
      UserCommands.put(
          workspace,
          pipelines,
          new Users.User(DEMO_USER, "engineer", List.of(), List.of(), 2),
          null,
          progress);
      try (Connection connection = trino.connect(DEMO_USER, null)) {
        answer(
            connection,
            "Top wards by recorded crime",
            "SELECT ward_name, ward_id, sum(crime_count) AS crimes FROM lake.gold.crime_counts_daily"
                + " GROUP BY ward_name, ward_id ORDER BY crimes DESC LIMIT 5");
        answer(
            connection,
            "Top H3 hot-spot cells (crimes, resolution 8)",
            "SELECT h3_index, sum(event_count) AS crimes, round(cell_lat, 5) AS lat,"
                + " round(cell_lon, 5) AS lon FROM lake.gold.hotspot_h3 WHERE event_type = 'crime'"
                + " GROUP BY h3_index, cell_lat, cell_lon ORDER BY crimes DESC LIMIT 5");
        answer(
            connection,
            "Ingestion of the last run: read = accepted + quarantined",
            "SELECT target, rows_read, rows_accepted, rows_quarantined FROM lake.ops.job_runs"
                + " WHERE job = 'ingest' AND finished_at = (SELECT max(finished_at) FROM"
                + " lake.ops.job_runs r WHERE r.target = job_runs.target) ORDER BY target");
      }
      printConnection(trino);
      return succeeded ? 0 : 2;
    }
  }

  /**
   * A lake holds one sample world: when the demo is asked for another (other days, scale or seed),
   * the old world, lake and Trino registrations are removed first.
   */
  static void startAfreshIfTheWorldChanged(
      Workspace workspace, WorldGenerator.Options options, Progress progress) {
    if (!WorldGenerator.truthFile(workspace.world(), "england").toFile().isFile()) {
      return;
    }
    Truth previous = WorldGenerator.readTruth(workspace.world(), "england");
    boolean same =
        previous.start().equals(options.start().toString())
            && previous.days() == options.days()
            && previous.scale() == options.scale()
            && previous.seed() == options.seed();
    if (same) {
      return;
    }
    progress.log("demo", "different world options: removing the previous world and lake");
    TrinoServer.running(workspace.trinoRun(), workspace.trinoCache()).ifPresent(TrinoServer::stop);
    for (Path dir :
        List.of(workspace.world(), Path.of(workspace.lakeRoot()), workspace.trinoRun())) {
      org.bluelamp.FileTrees.deleteRecursively(dir);
    }
  }

  /** The engineer the demo answers as (added by the demo). */
  static final String DEMO_USER = "demo";

  static void answer(Connection connection, String title, String sql) throws SQLException {
    OUT.println();
    OUT.println("== " + title + " (through Trino)");
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rows.getMetaData();
      List<String[]> table = new ArrayList<>();
      String[] header = new String[meta.getColumnCount()];
      for (int i = 0; i < header.length; i++) {
        header[i] = meta.getColumnLabel(i + 1);
      }
      table.add(header);
      while (rows.next()) {
        String[] row = new String[header.length];
        for (int i = 0; i < row.length; i++) {
          row[i] = String.valueOf(rows.getObject(i + 1));
        }
        table.add(row);
      }
      int[] widths = new int[header.length];
      table.forEach(
          r -> {
            for (int i = 0; i < r.length; i++) widths[i] = Math.max(widths[i], r[i].length());
          });
      for (String[] row : table) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < row.length; i++) {
          line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
        }
        OUT.println(line.toString().stripTrailing());
      }
    }
  }

  @Command(
      name = "docs",
      mixinStandardHelpOptions = true,
      description = {
        "Write the silver data dictionary (docs/data-dictionary.md) from pipelines/entities/",
        "and the gold model catalogue (docs/gold-models.md) from sql/gold/."
      })
  static final class Docs implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
      Workspace workspace = Workspace.fromEnvironment();
      Path docs = workspace.repository().resolve("docs");
      write(
          docs.resolve("data-dictionary.md"),
          DataDictionary.render(Pipelines.load(workspace.pipelines())));
      write(
          docs.resolve("gold-models.md"),
          ModelCatalogue.render(GoldModels.discover(workspace.sql())));
      return 0;
    }

    private static void write(Path file, String text) throws IOException {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      OUT.println("wrote " + file);
    }
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = {
        "Run the whole test suite (unit, component and integration tests, including a real Trino)",
        "with Maven: the same command CI runs (.ci/run)."
      })
  static final class Test implements Callable<Integer> {
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
}
