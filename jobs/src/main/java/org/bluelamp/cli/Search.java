package org.bluelamp.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.resolve.VehicleLinkageSpec;
import org.bluelamp.serve.TrinoServer;
import org.bluelamp.serve.VehicleSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bluelamp search}: a registration in the single view, through the running Trino. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Look a registration up in gold.vehicle_view through the Trino that './bluelamp serve'",
      "started, as a user: their role's forces and masks apply and the search is audited",
      "(ops.query_audit). Case, spaces and hyphens do not matter; a misread of the other class",
      "(0 for O, 8 for B) is read as the resolution reads it. In secure mode the password comes",
      "from BLUELAMP_TRINO_PASSWORD. E.g. search --vrm 'ab12cde' --user officer1"
    })
final class Search implements Callable<Integer> {
  /** Timeline entries printed per vehicle; the rest are counted. */
  private static final int TIMELINE_LINES = 20;

  @Option(names = "--vrm", required = true, description = "The registration as typed.")
  String vrm;

  @Option(names = "--user", required = true, description = "Who searches (a bluelamp user).")
  String user;

  @Override
  public Integer call() throws SQLException {
    Workspace workspace = Workspace.fromEnvironment();
    TrinoServer trino = workspace.runningTrino();
    VehicleLinkageSpec spec = VehicleLinkageSpec.load(Pipelines.load(workspace.pipelines()));
    List<VehicleSearch.Hit> hits;
    try (Connection connection = trino.connect(user, System.getenv("BLUELAMP_TRINO_PASSWORD"))) {
      hits = VehicleSearch.find(connection, spec, vrm);
    }
    if (hits.isEmpty()) {
      Main.OUT.println(
          "No vehicle with registration '"
              + vrm
              + "' (search keys "
              + spec.searchKeys(vrm)
              + ") in the forces "
              + user
              + " may see.");
      return 0;
    }
    hits.forEach(Search::print);
    return 0;
  }

  private static void print(VehicleSearch.Hit hit) {
    Main.OUT.printf(
        "%n%s  %s (%s)  %s%n", hit.forceId(), hit.vrm(), hit.country(), hit.vehicleId());
    Main.OUT.println(
        hit.keeperSurname() == null && hit.keeperForename() == null
            ? "  keeper: none in the licensing extract"
            : "  keeper: "
                + hit.keeperForename()
                + " "
                + hit.keeperSurname()
                + ", "
                + hit.keeperAddress()
                + "; "
                + hit.colour()
                + " "
                + hit.make());
    Main.OUT.printf(
        "  %d records: %d ANPR sightings, %d collisions, %d stops, %d penalty notices;"
            + " seen %s to %s%n",
        hit.mentions(),
        hit.anprSightings(),
        hit.collisions(),
        hit.stops(),
        hit.penaltyNotices(),
        hit.firstSeen(),
        hit.lastSeen());
    hit.timeline().stream().limit(TIMELINE_LINES).forEach(e -> Main.OUT.println("    " + e));
    if (hit.timeline().size() > TIMELINE_LINES) {
      Main.OUT.println("    ... " + (hit.timeline().size() - TIMELINE_LINES) + " earlier");
    }
  }
}
