package org.bluelamp.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.ingest.Landing;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.jdbc.JdbcConnection;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.JobRuns;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.ObjectStore;
import org.bluelamp.security.AccessControl;
import org.bluelamp.security.AuditGuard;
import org.bluelamp.security.AuditLog;
import org.bluelamp.trino.TrinoServer;
import org.bluelamp.workspace.Workspace;

/**
 * What the commands share: running pipelines over the workspace's lake (one run id, the query audit
 * copied first where the usage model is built, a running Trino told of new tables), the data
 * interval of a run, and starting Trino with the access rules applied.
 */
final class Orchestration {
  static final PrintStream OUT = System.out;

  /** The gold model the query audit feeds. */
  static final String USAGE_MODEL = "usage_daily";

  private Orchestration() {}

  /**
   * The data interval {@code [from, to)}; without dates, the days the landing files of the declared
   * sources cover (each force's {@code landing}), from the first to the day after the last.
   */
  static Interval interval(Workspace workspace, Pipelines pipelines, LocalDate from, LocalDate to) {
    if (from != null && to != null) {
      if (!to.isAfter(from)) {
        throw Errors.usage(
            "--to " + to + " is not after --from " + from,
            "--to is the day after the last one, e.g. --from 2026-03-02 --to 2026-03-09");
      }
      return new Interval(from, to);
    }
    if (from != null || to != null) {
      throw Errors.usage(
          "Only one of --from/--to given", "give both, e.g. --from 2026-03-02 --to 2026-03-09");
    }
    Landing landing =
        Landing.configured(
            pipelines, workspace.home(), ObjectStore.fromEnvironment().hadoopConfiguration());
    return landing
        .span(pipelines.sources())
        .orElseThrow(
            () ->
                Errors.usage(
                    "No interval given and no dated file in any force's landing folder ("
                        + pipelines.forces().values().stream()
                            .map(force -> force.id() + ": " + force.landing())
                            .toList()
                        + ", under "
                        + workspace.home()
                        + ")",
                    "pass the days to run as --from D1 --to D2 (D2 the day after the last, e.g."
                        + " --from 2026-03-02 --to 2026-03-09), or './bluelamp generate' the"
                        + " sample world first"));
  }

  static boolean runPipelines(
      Workspace workspace,
      Pipelines pipelines,
      List<SourceContract> sources,
      List<Runner.Layer> layers,
      Interval interval,
      boolean reprocess,
      List<String> models,
      boolean microBatch,
      Progress progress) {
    progress.log("run", sources.size() + " source(s), layers " + layers + ", interval " + interval);
    return runPipelines(
        workspace,
        pipelines,
        // The audit copy only where the usage model is built (not every 20 minutes).
        layers.contains(Runner.Layer.GOLD) && (models.isEmpty() || models.contains(USAGE_MODEL)),
        runner -> runner.run(sources, layers, interval, reprocess, models, microBatch),
        progress);
  }

  /**
   * Runs {@code work} on a runner over the workspace's lake, its jobs recorded under one run id;
   * with {@code audit}, the query audit is brought up to date first (the usage model reads it). A
   * running Trino is then told about new tables.
   */
  static boolean runPipelines(
      Workspace workspace,
      Pipelines pipelines,
      boolean audit,
      Function<Runner, Runner.Outcome> work,
      Progress progress) {
    Lake lake = workspace.lake();
    SparkSession spark = lake.spark();
    progress.log("run", "Spark " + spark.version() + " ready");
    Connections connections = Connections.fromEnvironment(workspace.connectionDefaults());
    Optional<TrinoServer> trino = TrinoServer.running(workspace.trinoRun(), workspace.trinoCache());
    if (audit) {
      copyAudit(lake, connections, progress);
    }
    String runId = UUID.randomUUID().toString();
    Landing landing =
        Landing.configured(pipelines, workspace.home(), spark.sparkContext().hadoopConfiguration());
    Runner.Outcome outcome =
        work.apply(
            new Runner(
                lake,
                pipelines,
                landing,
                workspace.sql(),
                progress,
                new JobRuns(lake, runId),
                connections,
                workspace.pseudonyms()));
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

  static TrinoServer serve(Workspace workspace, int port, boolean secure, Progress progress) {
    Pipelines pipelines = Pipelines.load(workspace.pipelines());
    AccessControl access = access(workspace, pipelines);
    JdbcConnection audit =
        Connections.fromEnvironment(workspace.connectionDefaults()).resolve(AuditLog.CONNECTION);
    TrinoServer trino =
        TrinoServer.start(
            workspace.trinoRun(),
            workspace.trinoCache(),
            port,
            workspace.lakeRoot(),
            audit,
            secure,
            progress);
    // Rules an audit guard parked before a crash come back: the audit answered the start.
    new AuditGuard(trino.auth(), audit).check(progress);
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
}
