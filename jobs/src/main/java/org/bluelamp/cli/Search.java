package org.bluelamp.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.resolve.PersonSearchKeys;
import org.bluelamp.resolve.PlaceLinkageSpec;
import org.bluelamp.resolve.PlatePattern;
import org.bluelamp.resolve.VehicleLinkageSpec;
import org.bluelamp.search.PersonSearch;
import org.bluelamp.search.PlaceSearch;
import org.bluelamp.search.VehicleSearch;
import org.bluelamp.trino.TrinoServer;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bluelamp search}: a registration, a name, a phone number or an address in the single view,
 * through the running Trino.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Look a registration up in gold.vehicle_view, a person by name, phone or document in",
      "gold.person_view, or an address in gold.place_view and then the persons recorded living",
      "there, through the Trino that './bluelamp serve' started, as a user: their role's forces",
      "and masks apply (a role without PII finds no one by name and sees no residents) and the",
      "search is audited (ops.query_audit). Registrations: case, spaces and hyphens do not",
      "matter; a misread of the other class (0 for O, 8 for B) is read as the resolution reads",
      "it; one partly seen is typed with ? for each character not seen and * for any number",
      "of them, and lists the vehicles it may be. Names: 'forename surname' or a surname; nicknames, case, accents and spelling variants",
      "that sound alike find the person. Addresses: house number first; case, punctuation and",
      "abbreviated street types do not matter, an address typed without its locality finds every",
      "locality's, and one within two edits is found too. In secure mode the password comes",
      "from BLUELAMP_TRINO_PASSWORD.",
      "E.g. search --vrm 'ab12cde' --user officer1; search --name 'Bill Khan' --user officer1;",
      "search --address '12 station rd' --user officer1"
    })
final class Search implements Callable<Integer> {
  /** Timeline entries printed per vehicle or place; the rest are counted. */
  private static final int TIMELINE_LINES = 20;

  /** What is looked up: exactly one of these. */
  static final class Query {
    @Option(
        names = "--vrm",
        description =
            "A registration as typed; partly known: ? for a character not seen, * for any number"
                + " of them (AB1? ?CE, AB12*, *CDE).")
    String vrm;

    @Option(names = "--name", description = "A person's name: 'forename surname' or a surname.")
    String name;

    @Option(names = "--phone", description = "A phone number, in any format.")
    String phone;

    @Option(
        names = "--document",
        description =
            "An identity document's number (driving licence, passport, national register or"
                + " identity card), with or without its dots and spaces.")
    String document;

    @Option(
        names = "--address",
        description = "An address as written: house number, street and (optionally) locality.")
    String address;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Query query;

  @Option(names = "--user", required = true, description = "Who searches (a bluelamp user).")
  String user;

  @Override
  public Integer call() throws SQLException {
    Workspace workspace = Workspace.fromEnvironment();
    TrinoServer trino = workspace.runningTrino();
    Pipelines pipelines = Pipelines.load(workspace.pipelines());
    try (Connection connection = trino.connect(user, System.getenv("BLUELAMP_TRINO_PASSWORD"))) {
      if (query.vrm != null) {
        vehicles(connection, VehicleLinkageSpec.load(pipelines));
      } else if (query.name != null) {
        persons(connection, query.name, typed(pipelines, PersonSearchKeys.Kind.NAME, query.name));
      } else if (query.phone != null) {
        persons(
            connection, query.phone, typed(pipelines, PersonSearchKeys.Kind.PHONE, query.phone));
      } else if (query.document != null) {
        persons(
            connection,
            query.document,
            typed(pipelines, PersonSearchKeys.Kind.DOCUMENT, query.document));
      } else {
        places(connection, pipelines);
      }
    }
    return 0;
  }

  private void vehicles(Connection connection, VehicleLinkageSpec spec) throws SQLException {
    if (PlatePattern.isPattern(query.vrm)) {
      partialVehicles(connection, spec);
      return;
    }
    List<VehicleSearch.Hit> hits = VehicleSearch.find(connection, spec, query.vrm);
    if (hits.isEmpty()) {
      noneFound(
          "vehicle with registration '"
              + query.vrm
              + "' (search keys "
              + spec.searchKeys(query.vrm)
              + ")");
    }
    hits.forEach(Search::print);
  }

  /**
   * The vehicles a partly known registration may be: one found is printed whole, several a line
   * each (most recently seen first) for the officer to pick one and search it.
   */
  private void partialVehicles(Connection connection, VehicleLinkageSpec spec) throws SQLException {
    List<VehicleSearch.Hit> hits = VehicleSearch.findPartial(connection, spec, query.vrm);
    if (hits.isEmpty()) {
      noneFound(
          "vehicle whose registration matches '"
              + query.vrm
              + "' (read as "
              + spec.pattern(query.vrm).variants().stream()
                  .map(PlatePattern.Variant::pattern)
                  .toList()
              + ")");
    } else if (hits.size() == 1) {
      print(hits.get(0));
    } else {
      Orchestration.OUT.printf(
          "%s vehicles whose registration matches '%s', most recently seen first:%n",
          hits.size() > VehicleSearch.PARTIAL_LIMIT
              ? "More than " + VehicleSearch.PARTIAL_LIMIT
              : String.valueOf(hits.size()),
          query.vrm);
      hits.stream()
          .limit(VehicleSearch.PARTIAL_LIMIT)
          .forEach(
              hit ->
                  Orchestration.OUT.printf(
                      "  %-8s %-10s %s  %s %s  %d records, last seen %s%n",
                      hit.forceId(),
                      hit.vrm(),
                      hit.vehicleId(),
                      Objects.toString(hit.colour(), "colour not recorded"),
                      Objects.toString(hit.make(), ""),
                      hit.mentions(),
                      Objects.toString(hit.lastSeen(), "never (registered only)")));
      if (hits.size() > VehicleSearch.PARTIAL_LIMIT) {
        Orchestration.OUT.println("... give more of the registration to see the rest.");
      }
      Orchestration.OUT.println("Search one with --vrm to see its keeper and timeline.");
    }
  }

  /** Says that no {@code what} is in the forces the user may see. */
  private void noneFound(String what) {
    Orchestration.OUT.println("No " + what + " in the forces " + user + " may see.");
  }

  private static Set<Map.Entry<String, String>> typed(
      Pipelines pipelines, PersonSearchKeys.Kind kind, String text) {
    return new LinkedHashSet<>(PersonSearchKeys.typed(pipelines, kind, text).entrySet());
  }

  /**
   * The places the address may be (gold.place_view), then the persons recorded at those that match
   * it best (the whole address, else its first line, else a similar one: not the neighbour one
   * letter away when the address itself is found) or at the address as typed.
   */
  private void places(Connection connection, Pipelines pipelines) throws SQLException {
    List<PlaceSearch.Hit> places =
        PlaceSearch.find(connection, PlaceLinkageSpec.load(pipelines), query.address);
    if (places.isEmpty()) {
      noneFound("place found for '" + query.address + "'");
    }
    places.forEach(Search::print);
    if (places.size() == PlaceSearch.LIMIT) {
      Orchestration.OUT.println(
          "... the first " + PlaceSearch.LIMIT + " only: give the whole address.");
    }
    Set<Map.Entry<String, String>> keys =
        typed(pipelines, PersonSearchKeys.Kind.ADDRESS, query.address);
    places.stream()
        .filter(place -> place.match() == places.get(0).match())
        .forEach(place -> keys.add(PersonSearchKeys.ofPlace(place.placeKey())));
    Orchestration.OUT.println();
    Orchestration.OUT.println("Persons recorded living there:");
    persons(connection, query.address, keys);
  }

  private void persons(Connection connection, String text, Set<Map.Entry<String, String>> keys)
      throws SQLException {
    List<PersonSearch.Hit> hits = PersonSearch.find(connection, keys);
    if (hits.isEmpty()) {
      Orchestration.OUT.println(
          "No person found for '"
              + text
              + "' (search keys "
              + keys
              + ") in the forces "
              + user
              + " may see, with the details their role may see.");
    }
    for (PersonSearch.Hit hit : hits) {
      List<String> flags = new ArrayList<>();
      if (hit.wanted()) {
        flags.add("WANTED (named offender of an open crime)");
      }
      if (hit.missing()) {
        flags.add("MISSING");
      }
      if (hit.safeguardingConcern()) {
        flags.add("SAFEGUARDING");
      }
      Orchestration.OUT.printf(
          "%n%s  %s, %s  %s  (%s)%s%n",
          hit.forceId(),
          Stream.of(hit.forename(), hit.surname())
              .filter(Objects::nonNull)
              .collect(Collectors.joining(" ")),
          hit.dob() == null ? "date of birth not recorded" : "born " + hit.dob(),
          hit.personId(),
          hit.score() == 3 ? "the name" : hit.score() == 2 ? "a key" : "a similar surname",
          flags.isEmpty() ? "" : "  " + String.join(", ", flags));
      Orchestration.OUT.printf(
          "  %d records as %s; seen %s to %s%n  latest address: %s%n  latest identity document:"
              + " %s%n  recorded as: %s%n",
          hit.mentions(),
          hit.roles(),
          hit.firstSeen(),
          hit.lastSeen(),
          hit.address(),
          hit.document() == null ? "none recorded" : hit.document(),
          hit.namesRecorded());
    }
    if (hits.size() == PersonSearch.LIMIT) {
      Orchestration.OUT.println(
          "... the first " + PersonSearch.LIMIT + " only: give more of the name.");
    }
  }

  private static void print(PlaceSearch.Hit hit) {
    Orchestration.OUT.printf(
        "%n%s  %s  %s  (%s)%n",
        hit.forceId(),
        hit.placeText(),
        hit.placeId(),
        switch (hit.match()) {
          case ADDRESS -> "the address";
          case FIRST_LINE -> "the same first line, another locality or none";
          case SIMILAR -> "a similar address";
        });
    Orchestration.OUT.println(
        hit.addressId() == null
            ? "  not in the gazetteer: an address as the records wrote it"
            : "  gazetteer "
                + hit.addressId()
                + ", postcode "
                + hit.postcode()
                + ", ward "
                + hit.wardName());
    Orchestration.OUT.printf(
        "  %d records: %d giving it as a home, %d crime scenes; seen %s to %s%n"
            + "  %d persons recorded living there: %s%n  recorded as: %s%n",
        hit.mentions(),
        hit.homeRecords(),
        hit.crimeScenes(),
        hit.firstSeen(),
        hit.lastSeen(),
        hit.persons(),
        hit.residents(),
        hit.addressesRecorded());
    timeline(hit.timeline());
  }

  private static void timeline(List<String> entries) {
    entries.stream().limit(TIMELINE_LINES).forEach(e -> Orchestration.OUT.println("    " + e));
    if (entries.size() > TIMELINE_LINES) {
      Orchestration.OUT.println("    ... " + (entries.size() - TIMELINE_LINES) + " earlier");
    }
  }

  private static void print(VehicleSearch.Hit hit) {
    Orchestration.OUT.printf(
        "%n%s  %s (%s)  %s%n", hit.forceId(), hit.vrm(), hit.country(), hit.vehicleId());
    Orchestration.OUT.println(
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
    Orchestration.OUT.printf(
        "  %d records: %d ANPR sightings, %d collisions, %d stops, %d penalty notices;"
            + " seen %s to %s%n",
        hit.mentions(),
        hit.anprSightings(),
        hit.collisions(),
        hit.stops(),
        hit.penaltyNotices(),
        hit.firstSeen(),
        hit.lastSeen());
    timeline(hit.timeline());
  }
}
