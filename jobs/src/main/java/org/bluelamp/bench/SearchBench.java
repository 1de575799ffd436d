package org.bluelamp.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bluelamp.Errors;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.resolve.PersonSearchKeys;
import org.bluelamp.resolve.PlaceLinkageSpec;
import org.bluelamp.resolve.VehicleLinkageSpec;
import org.bluelamp.search.PersonSearch;
import org.bluelamp.search.PlaceSearch;
import org.bluelamp.search.VehicleSearch;
import org.bluelamp.trino.TrinoServer;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lookup latency of the single view through Trino (bench/search.sh): registrations the vehicle view
 * holds ({@code --kind vrm}), the same with their two middle characters unseen ({@code --kind
 * partial}: "AB1??DE", through gold.vehicle_search's trigrams), names the person view holds ({@code
 * --kind name}) or addresses the place view holds ({@code --kind address}), each searched as
 * `bluelamp search` does ({@link VehicleSearch}, {@link PersonSearch}, {@link PlaceSearch}: one
 * prepared query per search, the connection kept open as an application keeps it), first by one
 * client one after another, twice (the first pass meets plans and code the server has not compiled
 * yet when it has just started; the second is the server as a user meets it after a while), then by
 * {@code --clients} clients at once, each on its own connection. A name's keys are computed before
 * the clock starts (an application keeps the nickname table loaded); a registration's are a few
 * string operations and timed with the query. Prints the latency percentiles of each phase; every
 * search is audited like any other.
 */
@Command(
    name = "bench-search",
    hidden = true,
    description = "Search latency through the running Trino: p50/p95 for one client, then many.")
public final class SearchBench implements Callable<Integer> {
  @Option(names = "--user", required = true, description = "Who searches (a bluelamp user).")
  String user;

  @Option(names = "--searches", description = "Searches per phase (default ${DEFAULT-VALUE}).")
  int searches = 200;

  @Option(names = "--clients", description = "Clients at once (default ${DEFAULT-VALUE}).")
  int clients = 16;

  @Option(
      names = "--kind",
      description = "What is looked up: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  Kind kind = Kind.vrm;

  /** What the bench looks up. */
  enum Kind {
    vrm,
    partial,
    name,
    address
  }

  /** One search, sent on a client's connection. */
  @FunctionalInterface
  private interface Search {
    void on(Connection trino) throws SQLException;
  }

  @Override
  public Integer call() throws Exception {
    Workspace workspace = Workspace.fromEnvironment();
    TrinoServer trino = workspace.runningTrino();
    Pipelines pipelines = Pipelines.load(workspace.pipelines());
    String password = System.getenv("BLUELAMP_TRINO_PASSWORD");
    List<String> typed =
        switch (kind) {
          case vrm ->
              sample(
                  trino, password, "vrm FROM %s.gold.vehicle_view ORDER BY vehicle_id", "vehicle");
          case partial ->
              sample(
                      trino,
                      password,
                      "vrm_key FROM %s.gold.vehicle_view WHERE length(vrm_key) >= 6"
                          + " ORDER BY vehicle_id",
                      "vehicle")
                  .stream()
                  .map(SearchBench::middleUnseen)
                  .toList();
          case name ->
              sample(
                  trino,
                  password,
                  "forename || ' ' || surname FROM %s.gold.person_view"
                      + " WHERE forename IS NOT NULL AND surname IS NOT NULL ORDER BY person_id",
                  "person");
          case address ->
              sample(
                  trino, password, "place_text FROM %s.gold.place_view ORDER BY place_id", "place");
        };
    System.out.printf(
        Locale.ROOT,
        "%d searches of %d %s as %s%n",
        searches,
        typed.size(),
        kind == Kind.address ? "addresses" : kind + "s",
        user);
    VehicleLinkageSpec vehicles = VehicleLinkageSpec.load(pipelines);
    PlaceLinkageSpec places = PlaceLinkageSpec.load(pipelines);
    List<Search> plan = new ArrayList<>();
    for (int i = 0; i < searches; i++) {
      String text = typed.get(i % typed.size());
      plan.add(
          switch (kind) {
            case vrm -> connection -> VehicleSearch.find(connection, vehicles, text);
            case partial -> connection -> VehicleSearch.findPartial(connection, vehicles, text);
            case name -> {
              Map<String, String> keys =
                  PersonSearchKeys.typed(pipelines, PersonSearchKeys.Kind.NAME, text);
              yield connection -> PersonSearch.find(connection, keys.entrySet());
            }
            case address -> connection -> PlaceSearch.find(connection, places, text);
          });
    }
    // One search first: the server's first plan of the query is not what a user waits for.
    try (Connection warm = trino.connect(user, password)) {
      plan.get(0).on(warm);
    }
    report("1 client", run(trino, password, plan, 1));
    report("1 client, again", run(trino, password, plan, 1));
    report(clients + " clients", run(trino, password, plan, clients));
    return 0;
  }

  /**
   * What the user may see of the first {@link #searches} rows of {@code query} ("column FROM
   * %s.gold.table ORDER BY ...", %s the catalog): the texts to search for.
   */
  private List<String> sample(TrinoServer trino, String password, String query, String what)
      throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection = trino.connect(user, password);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT "
                    + String.format(Locale.ROOT, query, TrinoServer.CATALOG)
                    + " LIMIT "
                    + searches)) {
      while (rows.next()) {
        found.add(rows.getString(1));
      }
    }
    if (found.isEmpty()) {
      throw Errors.usage(
          "the single view holds no " + what + " " + user + " may see",
          "build it ('./bluelamp demo') and search as a user of a force with " + what + " records");
    }
    return found;
  }

  /** A registration with its two middle characters unseen: "AB12CDE" as "AB1??DE". */
  static String middleUnseen(String key) {
    int at = key.length() / 2 - 1;
    return key.substring(0, at) + "??" + key.substring(at + 2);
  }

  /** The latency of every search of {@code plan} (ms), {@code parallel} clients sharing it. */
  private List<Double> run(TrinoServer trino, String password, List<Search> plan, int parallel)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<List<Double>>> parts = new ArrayList<>();
      for (int client = 0; client < parallel; client++) {
        int first = client;
        parts.add(
            pool.submit(
                () -> {
                  List<Double> latencies = new ArrayList<>();
                  try (Connection connection = trino.connect(user, password)) {
                    for (int i = first; i < plan.size(); i += parallel) {
                      long started = System.nanoTime();
                      plan.get(i).on(connection);
                      latencies.add((System.nanoTime() - started) / 1e6);
                    }
                  }
                  return latencies;
                }));
      }
      List<Double> all = new ArrayList<>();
      for (Future<List<Double>> part : parts) {
        all.addAll(part.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void report(String phase, List<Double> latencies) {
    List<Double> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%-15s %4d searches  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n",
        phase,
        sorted.size(),
        percentile(sorted, 0.50),
        percentile(sorted, 0.95),
        sorted.get(sorted.size() - 1));
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(List<Double> sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
