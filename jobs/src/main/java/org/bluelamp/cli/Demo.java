package org.bluelamp.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.ObjectStore;
import org.bluelamp.security.Users;
import org.bluelamp.synth.Truth;
import org.bluelamp.synth.WorldGenerator;
import org.bluelamp.trino.TrinoServer;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The whole slice on this machine: generate the sample world, run every pipeline, start",
      "Trino, and answer a few questions through it. Trino keeps running afterwards."
    })
final class Demo implements Callable<Integer> {
  @CommandLine.Mixin WorldOptions world = new WorldOptions();

  @Option(
      names = "--port",
      description = "Trino HTTP port, default ${DEFAULT-VALUE}.",
      defaultValue = "8080")
  int port;

  @Override
  public Integer call() throws SQLException {
    Workspace workspace = Workspace.fromEnvironment();
    Progress progress = new Progress(Orchestration.OUT);
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
        Orchestration.runPipelines(
            workspace,
            pipelines,
            pipelines.sources(),
            List.of(Runner.Layer.values()),
            interval,
            true,
            List.of(),
            false,
            progress);
    TrinoServer trino = Orchestration.serve(workspace, port, false, progress);
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
              + " AND h3_resolution = 8"
              + " GROUP BY h3_index, cell_lat, cell_lon ORDER BY crimes DESC LIMIT 5");
      answer(
          connection,
          "Incident hot spots (Getis-Ord Gi*, 99% after the FDR correction), hottest first",
          "SELECT force_id, period_start, cell_x, cell_y, round(lat, 5) AS lat,"
              + " round(lon, 5) AS lon, event_count, round(gi_z, 1) AS gi_z"
              + " FROM lake.gold.hotspot_gi_star WHERE event_type = 'incident'"
              + " AND gi_bin_fdr = 3 ORDER BY gi_z DESC LIMIT 5");
      answer(
          connection,
          "Single view: the most-recorded vehicles (look one up: ./bluelamp search --vrm ...)",
          "SELECT force_id, vrm, mentions, anpr_sightings, collisions, stops, keeper_surname,"
              + " last_seen FROM lake.gold.vehicle_view ORDER BY mentions DESC, vrm LIMIT 3");
      answer(
          connection,
          "Ingestion of the last run: read = accepted + quarantined",
          "SELECT target, rows_read, rows_accepted, rows_quarantined FROM lake.ops.job_runs"
              + " WHERE job = 'ingest' AND finished_at = (SELECT max(finished_at) FROM"
              + " lake.ops.job_runs r WHERE r.target = job_runs.target) ORDER BY target");
    }
    Orchestration.printConnection(trino);
    return succeeded ? 0 : 2;
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
    for (Path dir : List.of(workspace.world(), workspace.trinoRun())) {
      org.bluelamp.FileTrees.deleteRecursively(dir);
    }
    Lake.delete(workspace.lakeRoot(), ObjectStore.fromEnvironment().hadoopConfiguration());
  }

  /** The engineer the demo answers as (added by the demo). */
  private static final String DEMO_USER = "demo";

  static void answer(Connection connection, String title, String sql) throws SQLException {
    Orchestration.OUT.println();
    Orchestration.OUT.println("== " + title + " (through Trino)");
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
        Orchestration.OUT.println(line.toString().stripTrailing());
      }
    }
  }
}
