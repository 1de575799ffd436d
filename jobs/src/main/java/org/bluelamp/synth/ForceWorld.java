package org.bluelamp.synth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.synth.People.Identity;
import org.bluelamp.synth.Truth.DailyCount;
import org.bluelamp.synth.Truth.Hotspot;
import org.bluelamp.synth.Truth.InterventionEffect;
import org.bluelamp.synth.Truth.ResponseTime;
import org.bluelamp.synth.Wards.Ward;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/**
 * One force of the sample world, simulated day by day: calls that become incidents, some of them
 * crimes with victims, offenders and witnesses, arrests, custody and outcomes; stops, intelligence,
 * ANPR reads, collisions, speed tickets and penalty notices; officers on rosters with duty states
 * and GPS pings; partner reports. Every record stream is handed to the force's source contracts
 * that carry it ({@link ForceProfile#systems()}), which write it in their own format.
 */
final class ForceWorld {
  private static final GeometryFactory GEOMETRY = new GeometryFactory();
  private static final LocalDate TREND_ORIGIN = LocalDate.of(2022, 1, 1);
  private static final Truth.Seasonality SEASONALITY =
      new Truth.Seasonality(0.15, 196, TREND_ORIGIN.toString()); // calls peak mid-July
  static final double[] HOURLY = {
    3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 6, 6, 5, 4
  };
  private static final int DAILY_MINIMUM = 8;

  final ForceProfile profile;
  final Force force;
  private final Pipelines pipelines;
  private final WorldGenerator.Options options;
  final SplittableRandom random;
  final List<String[]> offences;
  final List<String[]> grades;
  private final Map<String, Double> trends = new TreeMap<>();
  private List<Ward> wards;
  private List<Hotspot> hotspots;
  private List<LineString> streets;
  private List<Map<String, Object>> addresses;
  People people;
  List<Map<String, Object>> officers;
  final Map<String, String> teamOf = new HashMap<>();
  private List<Map<String, Object>> vehicles;
  private List<Map<String, Object>> interventions;
  List<InterventionEffect> effects;
  final Map<LocalDate, List<Map<String, Object>>> laterOutcomes = new HashMap<>();
  private final Map<String, Long> counters = new HashMap<>();
  private final Map<String, RecordStream> recordStreams = RecordStream.all();
  private final CallChain callChain = new CallChain(this);
  private final Duties duties = new Duties(this);

  ForceWorld(ForceProfile profile, Pipelines pipelines, WorldGenerator.Options options) {
    this.profile = requireNonNull(profile, "profile");
    this.pipelines = requireNonNull(pipelines, "pipelines");
    this.force = pipelines.force(profile.force());
    this.options = requireNonNull(options, "options");
    this.random = new SplittableRandom(options.seed() ^ profile.force().hashCode());
    this.offences = codeList(profile.force() + "/offences");
    this.grades = codeList(profile.force() + "/call_grades");
  }

  Truth write(Path landing, Databases databases, Path truthDir, Progress progress) {
    List<SourceWriter> writers = new ArrayList<>();
    Map<SourceWriter, String> streamOf = new LinkedHashMap<>();
    LocalDate last = options.start().plusDays(options.days() - 1);
    for (SourceContract contract : pipelines.sources()) {
      if (!contract.force().equals(profile.force())) {
        continue;
      }
      String stream = profile.systems().get(contract.system());
      if (stream == null) {
        throw Errors.usage(
            "The sample world does not know what " + contract.id() + " carries",
            "map system '"
                + contract.system()
                + "' to a record stream in the force's profile (synth.SampleForces)");
      }
      SourceWriter writer =
          new SourceWriter(contract, force, landing, databases, random.split(), last);
      writers.add(writer);
      streamOf.put(writer, stream);
    }
    Set<String> needed = new HashSet<>(streamOf.values());
    build();
    Map<String, List<Map<String, Object>>> snapshots = snapshots();
    Map<String, Long> dailyCounts = new TreeMap<>();
    for (int d = 0; d < options.days(); d++) {
      LocalDate day = options.start().plusDays(d);
      Map<String, List<Map<String, Object>>> streams = day(day, needed);
      for (SourceWriter writer : writers) {
        String stream = streamOf.get(writer);
        boolean snapshot = snapshots.containsKey(stream);
        if (snapshot && d > 0) {
          continue;
        }
        List<Map<String, Object>> records =
            snapshot ? snapshots.get(stream) : streams.getOrDefault(stream, List.of());
        List<Map<String, Object>> accepted = writer.write(day, records);
        if (stream.equals("crime")) {
          count(accepted, dailyCounts);
        }
      }
      if ((d + 1) % 7 == 0 || d + 1 == options.days()) {
        progress.log(
            "generate",
            profile.force()
                + ": "
                + (d + 1)
                + "/"
                + options.days()
                + " days, "
                + Progress.count(counters.getOrDefault("incident", 0L))
                + " incidents, "
                + Progress.count(counters.getOrDefault("crime", 0L))
                + " crimes");
      }
    }
    writers.forEach(SourceWriter::finish);
    return truth(writers, dailyCounts, truthDir);
  }

  // ---------------------------------------------------------------- the force's fixed world

  private void build() {
    ForceProfile.Areas a = profile.areas();
    wards =
        Wards.build(
            force.extent(),
            a.wardColumns(),
            a.wardRows(),
            random.split(),
            a.wardId(),
            a.wardNames());
    hotspots = hotspots();
    streets = streets();
    int addressCount = Math.max(300, (int) (profile.callsPerDay() * 4 * options.scale()));
    addresses = new ArrayList<>();
    Map<String, String> addressIds = new LinkedHashMap<>();
    for (int i = 0; i < addressCount; i++) {
      double[] xy = streetPoint();
      String street = profile.streetNames().get(random.nextInt(profile.streetNames().size()));
      String text = addressText(1 + random.nextInt(180), street, xy, addressIds.keySet());
      String addressId = id("ADR", i + 1);
      addressIds.put(text, addressId);
      addresses.add(
          rec(
              "address_id",
              addressId,
              "address_text",
              text,
              "postcode",
              postcode(xy),
              "easting",
              xy[0],
              "northing",
              xy[1]));
    }
    int persons = Math.max(400, (int) (profile.callsPerDay() * 10 * options.scale()));
    people =
        People.create(
            profile.force(),
            profile.names(),
            profile.documents(),
            addressIds,
            persons,
            random.split());
    officers = new ArrayList<>();
    int officerCount = Math.max(24, (int) (profile.callsPerDay() * 0.2 * options.scale()));
    List<String> teams = List.of("A", "B", "C", "D");
    for (int i = 0; i < officerCount; i++) {
      Identity person = people.pick(random);
      officers.add(
          rec(
              "officer_id", id("OF", i + 1),
              "forename", person.forename(),
              "surname", person.surname(),
              "rank", pick(profile.label("rank")),
              "team", teams.get(i % teams.size()),
              "station", wards.get(i % wards.size()).name(),
              "started_on", LocalDate.of(2005, 1, 1).plusDays(random.nextInt(7000))));
    }
    officers.forEach(o -> teamOf.put((String) o.get("officer_id"), (String) o.get("team")));
    vehicles = new ArrayList<>();
    int fleet = Math.max(200, (int) (profile.callsPerDay() * 2.5 * options.scale()));
    Set<String> registrations = new HashSet<>();
    while (vehicles.size() < fleet) {
      String vrm = profile.registration().apply(random);
      if (!registrations.add(vrm)) {
        continue;
      }
      Identity keeper = people.pick(random, "vehicles");
      Map<String, Object> keeperRecord = people.record(keeper, random);
      vehicles.add(
          rec(
              "vrm",
              vrm,
              "make",
              pick(profile.label("make")),
              "colour",
              pick(profile.label("colour")),
              "keeper_forename",
              keeperRecord.get("forename"),
              "keeper_surname",
              keeperRecord.get("surname"),
              "keeper_address",
              keeperRecord.get("address"),
              "registered_on",
              LocalDate.of(2008, 1, 1).plusDays(random.nextInt(6000)),
              SourceWriter.IDENTITY,
              keeper.id()));
    }
    interventions = new ArrayList<>();
    effects = new ArrayList<>();
    List<String> kinds = profile.label("intervention_kind");
    for (int i = 0; i < 6; i++) {
      double[] xy = i % 2 == 0 ? streetPoint() : uniformPoint();
      String kind = kinds.get(i % kinds.size());
      LocalDate starts = options.start().plusDays((long) (options.days() * (0.25 + 0.1 * i)));
      LocalDate ends = starts.plusDays(90 + random.nextInt(180));
      String interventionId = id("OP", i + 1);
      interventions.add(
          rec(
              "intervention_id",
              interventionId,
              "kind",
              kind,
              "name",
              kind + " " + wards.get(random.nextInt(wards.size())).name(),
              "starts_on",
              starts,
              "ends_on",
              ends,
              "easting",
              xy[0],
              "northing",
              xy[1],
              "radius_m",
              400.0));
      if (i % kinds.size() == 0) {
        effects.add(
            new InterventionEffect(
                interventionId, kind, xy[0], xy[1], 400, starts.toString(), ends.toString(), 0.5));
      }
    }
    for (String[] offence : offences) {
      trends.putIfAbsent(
          offence[2], Math.round((random.nextDouble() * 0.16 - 0.08) * 1000) / 1000.0);
    }
  }

  private List<Hotspot> hotspots() {
    Force.Extent e = force.extent();
    double width = e.maxX() - e.minX();
    double height = e.maxY() - e.minY();
    double[] shares = {0.12, 0.08, 0.06};
    int[] peaks = {22, 16, 2};
    List<Hotspot> list = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      double x = e.minX() + width * 0.15 + random.nextDouble() * width * 0.7;
      double y = e.minY() + height * 0.15 + random.nextDouble() * height * 0.7;
      // The third hot-spot emerges halfway through the period.
      LocalDate from = i == 2 ? options.start().plusDays(options.days() / 2) : options.start();
      LocalDate to = options.start().plusDays(options.days() - 1);
      double sigma = Math.min(width, height) * (0.01 + 0.004 * i);
      list.add(
          new Hotspot(
              "H" + (i + 1),
              round(x),
              round(y),
              Math.round(sigma),
              shares[i],
              peaks[i],
              from.toString(),
              to.toString()));
    }
    return List.copyOf(list);
  }

  private List<LineString> streets() {
    Force.Extent e = force.extent();
    List<LineString> lines = new ArrayList<>();
    int n = 8;
    for (int i = 1; i < n; i++) {
      double x = e.minX() + (e.maxX() - e.minX()) * i / n;
      double y = e.minY() + (e.maxY() - e.minY()) * i / n;
      lines.add(line(x, e.minY(), x, e.maxY()));
      lines.add(line(e.minX(), y, e.maxX(), y));
    }
    return lines;
  }

  private static LineString line(double x1, double y1, double x2, double y2) {
    return GEOMETRY.createLineString(
        new Coordinate[] {new Coordinate(x1, y1), new Coordinate(x2, y2)});
  }

  private Map<String, List<Map<String, Object>>> snapshots() {
    ForceProfile.Areas a = profile.areas();
    Map<String, List<Map<String, Object>>> s = new LinkedHashMap<>();
    s.put("ward", areas(wards));
    s.put(
        "beat",
        areas(
            Wards.build(
                force.extent(),
                a.beatColumns(),
                a.beatRows(),
                random.split(),
                a.beatId(),
                profile.label("beat_name"))));
    s.put(
        "small_area",
        areas(
            Wards.build(
                force.extent(),
                a.smallColumns(),
                a.smallRows(),
                random.split(),
                a.smallId(),
                wards.stream().map(Ward::name).toList())));
    List<Map<String, Object>> streetRecords = new ArrayList<>();
    for (int i = 0; i < streets.size(); i++) {
      streetRecords.add(
          rec(
              "street_id", id("ST", i + 1),
              "street_name", profile.streetNames().get(i % profile.streetNames().size()),
              "road_class", pick(profile.label("road_class")),
              "speed_limit", (long) (i % 3 == 0 ? 50 : 30),
              "geometry", streets.get(i)));
    }
    s.put("street", streetRecords);
    s.put("address", addresses);
    List<Map<String, Object>> population = new ArrayList<>();
    List<Map<String, Object>> targets = new ArrayList<>();
    for (Ward ward : wards) {
      for (int year = options.start().getYear() - 1; year <= options.start().getYear(); year++) {
        population.add(
            rec(
                "area_id", ward.id(),
                "year", (long) year,
                "population", (long) (6_000 + random.nextInt(9_000))));
      }
      for (String indicator : profile.label("indicator")) {
        targets.add(
            rec(
                "target_id",
                ward.id() + "/" + indicator,
                "area_id",
                ward.id(),
                "indicator",
                indicator,
                "year",
                (long) options.start().getYear(),
                "target_value",
                (double) (5 + random.nextInt(20))));
      }
    }
    s.put("population", population);
    s.put("target", targets);
    s.put("intervention", interventions);
    List<Map<String, Object>> sites = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      double[] xy = streetPoint();
      sites.add(
          rec(
              "site_id", id("RAD", i + 1),
              "road", profile.streetNames().get(i % profile.streetNames().size()),
              "speed_limit", (long) (i % 2 == 0 ? 50 : 30),
              "installed_on", LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3000)),
              "geometry", GEOMETRY.createPoint(new Coordinate(xy[0], xy[1]))));
    }
    s.put("speed_site", sites);
    s.put("officer", officers);
    s.put("vehicle", vehicles);
    return s;
  }

  private static List<Map<String, Object>> areas(List<Ward> areas) {
    return areas.stream()
        .map(w -> rec("area_id", w.id(), "area_name", w.name(), "boundary", w.polygon()))
        .toList();
  }

  // ---------------------------------------------------------------- one day of events

  private Map<String, List<Map<String, Object>>> day(LocalDate day, Set<String> needed) {
    Map<String, List<Map<String, Object>>> s = new HashMap<>();
    List<String> onDuty = onDuty(day);
    double season =
        1
            + SEASONALITY.amplitude()
                * Math.cos(
                    2 * Math.PI * (day.getDayOfYear() - SEASONALITY.peakDayOfYear()) / 365.25);
    int calls = count(profile.callsPerDay() * season);
    for (int n = 0; n < calls; n++) {
      callChain.incident(day, onDuty, s);
    }
    s.computeIfAbsent("outcome", k -> new ArrayList<>())
        .addAll(laterOutcomes.getOrDefault(day, List.of()));
    laterOutcomes.remove(day);
    for (String stream : needed) {
      if (profile.rates().containsKey(stream)) {
        int count = count(profile.rates().get(stream));
        for (int n = 0; n < count; n++) {
          Map<String, Object> record = other(stream, day, onDuty);
          if (record != null) {
            s.computeIfAbsent(stream, k -> new ArrayList<>()).add(record);
          }
        }
      }
    }
    duties.draw(day, onDuty, s, needed);
    return s;
  }

  /** Records a day at scale 1 scaled, never fewer than a handful (so each file shows defects). */
  private int count(double perDayAtScale1) {
    double mean = perDayAtScale1 * options.scale();
    return Math.max(DAILY_MINIMUM, (int) Math.round(mean * (0.85 + 0.3 * random.nextDouble())));
  }

  /**
   * Who a vehicle stop finds driving: the keeper seven times in ten (their names and date of birth
   * as the officer writes them, and the licence they produce), otherwise whoever was drawn. Drawn
   * from the stop's id, so the world's other draws are as they were (the documents' stream aside).
   */
  Map<String, Object> driver(Map<String, Object> vehicle, String stopId) {
    SplittableRandom officer = new SplittableRandom(stopId.hashCode());
    if (officer.nextDouble() >= 0.7) {
      return Map.of();
    }
    Identity keeper = people.identity((String) vehicle.get(SourceWriter.IDENTITY));
    Map<String, Object> driver = people.named(keeper, officer);
    driver.put("id_document", people.document(keeper, "stop"));
    return driver;
  }

  /** A record of a stream that is not a consequence of a call; null to skip it. */
  private Map<String, Object> other(String stream, LocalDate day, List<String> onDuty) {
    ZonedDateTime at = at(day, weighted(HOURLY));
    double[] xy = uniformPoint();
    Identity person = people.pick(random, stream);
    Map<String, Object> vehicle =
        vehicles.get((int) (vehicles.size() * Math.pow(random.nextDouble(), 2)));
    String vrm = vrmAsWritten((String) vehicle.get("vrm"));
    RecordStream generator = recordStreams.get(stream);
    if (generator == null) {
      throw new IllegalStateException("no generator for stream " + stream);
    }
    return generator.draw(this, new RecordStream.Draw(day, at, xy, person, vehicle, vrm, onDuty));
  }

  /** Teams A and C work even days, B and D odd days (day and night shifts). */
  private List<String> onDuty(LocalDate day) {
    boolean even = day.toEpochDay() % 2 == 0;
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> officer : officers) {
      String team = (String) officer.get("team");
      if (even == (team.equals("A") || team.equals("C"))) {
        ids.add((String) officer.get("officer_id"));
      }
    }
    return ids;
  }

  // ---------------------------------------------------------------- truth

  /**
   * Counts the day's clean crimes as the counting rules do: per incident and local day, only the
   * most serious crime (lowest reference on a tie) counts, once per victim.
   */
  private void count(List<Map<String, Object>> accepted, Map<String, Long> dailyCounts) {
    Map<String, Map<String, Object>> principals = new LinkedHashMap<>();
    for (Map<String, Object> crime : accepted) {
      String incident =
          crime.get("incident_id") + "|" + localDate((ZonedDateTime) crime.get("reported_at"));
      principals.merge(incident, crime, ForceWorld::moreSerious);
    }
    for (Map<String, Object> crime : principals.values()) {
      String ward =
          Wards.wardAt(wards, (Double) crime.get("easting"), (Double) crime.get("northing"));
      String key =
          String.join(
              "|",
              String.valueOf(ward),
              (String) crime.get("_category"),
              (String) crime.get("offence_code"),
              localDate((ZonedDateTime) crime.get("reported_at")).toString());
      dailyCounts.merge(key, Math.max(1L, (Long) crime.get("victims")), Long::sum);
    }
  }

  private static Map<String, Object> moreSerious(Map<String, Object> a, Map<String, Object> b) {
    int bySeriousness =
        Integer.compare((Integer) a.get("_seriousness"), (Integer) b.get("_seriousness"));
    if (bySeriousness != 0) {
      return bySeriousness > 0 ? a : b;
    }
    return ((String) a.get("crime_id")).compareTo((String) b.get("crime_id")) <= 0 ? a : b;
  }

  private LocalDate localDate(ZonedDateTime time) {
    return time.withZoneSameInstant(force.zone()).toLocalDate();
  }

  private Truth truth(List<SourceWriter> writers, Map<String, Long> dailyCounts, Path truthDir) {
    Map<String, Truth.SourceTruth> sources = new TreeMap<>();
    List<Truth.Defect> defects = new ArrayList<>();
    List<Truth.Warning> warnings = new ArrayList<>();
    List<Truth.Update> updates = new ArrayList<>();
    List<String> identityLines = new ArrayList<>(List.of("source,key,identity"));
    for (SourceWriter writer : writers) {
      sources.put(writer.id(), writer.truth());
      defects.addAll(writer.defects());
      warnings.addAll(writer.warnings());
      updates.addAll(writer.updates());
      for (String[] identity : writer.identities()) {
        identityLines.add(String.join(",", identity));
      }
    }
    Path identities = truthDir.resolve(profile.force() + "-identities.csv");
    List<String> placeLines = new ArrayList<>(List.of("written,address_id"));
    people
        .writtenPlaces()
        .forEach(
            (written, ids) ->
                ids.forEach(
                    id -> placeLines.add(LandingFormats.csvField(written, ",", "\"") + "," + id)));
    Path places = truthDir.resolve(profile.force() + "-places.csv");
    try {
      Files.createDirectories(truthDir);
      Files.write(identities, identityLines, StandardCharsets.UTF_8);
      Files.write(places, placeLines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.io("write " + identities + " and " + places, e);
    }
    List<DailyCount> counts = new ArrayList<>();
    dailyCounts.forEach(
        (key, count) -> {
          String[] parts = key.split("\\|");
          counts.add(
              new DailyCount(
                  parts[0].equals("null") ? null : parts[0], parts[1], parts[2], parts[3], count));
        });
    List<ResponseTime> responses = new ArrayList<>();
    for (int g = 0; g < grades.size(); g++) {
      responses.add(
          new ResponseTime(
              grades.get(g)[0],
              profile.gradeWeights()[g],
              profile.dispatchMinutes()[g],
              profile.travelMinutes()[g]));
    }
    return new Truth(
        profile.force(),
        options.seed(),
        options.start().toString(),
        options.days(),
        options.scale(),
        WorldGenerator.H3_RESOLUTION,
        hotspots,
        sources,
        defects,
        warnings,
        updates,
        counts,
        responses,
        trends,
        SEASONALITY,
        effects,
        truthDir.relativize(identities).toString(),
        truthDir.relativize(places).toString(),
        people.plantedPerson() == null
            ? null
            : new Truth.PlantedPerson(
                people.plantedPerson().id(), people.plantedSpellings(), People.PLANTED_IN));
  }

  // ---------------------------------------------------------------- helpers

  Hotspot hotspotFor(LocalDate day) {
    double u = random.nextDouble();
    double cumulative = 0;
    for (Hotspot hotspot : hotspots) {
      cumulative += hotspot.share();
      if (u < cumulative) {
        boolean active =
            !day.isBefore(LocalDate.parse(hotspot.from()))
                && !day.isAfter(LocalDate.parse(hotspot.to()));
        return active ? hotspot : null;
      }
    }
    return null;
  }

  /** An offence drawn with each category's weight moved by its five-year trend. */
  String[] offence(LocalDate day) {
    double years = ChronoUnit.DAYS.between(TREND_ORIGIN, day) / 365.25;
    double[] weights = new double[offences.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.pow(1 + trends.get(offences.get(i)[2]), years);
    }
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] /= total;
    }
    return offences.get(weighted(weights));
  }

  ZonedDateTime at(LocalDate day, int hour) {
    ZoneId zone = force.zone();
    ZonedDateTime start = day.atStartOfDay(zone).plusHours(hour);
    ZonedDateTime time = start.plusSeconds(random.nextInt(3600));
    return time.toLocalDate().equals(day)
        ? time
        : day.atStartOfDay(zone).plusSeconds(random.nextInt(3600));
  }

  double[] uniformPoint() {
    Force.Extent e = force.extent();
    return new double[] {
      round(e.minX() + random.nextDouble() * (e.maxX() - e.minX())),
      round(e.minY() + random.nextDouble() * (e.maxY() - e.minY()))
    };
  }

  double[] streetPoint() {
    return pointOn(streets.get(random.nextInt(streets.size())), random.nextDouble());
  }

  double[] streetPointFor(int index) {
    return pointOn(streets.get(index % streets.size()), 0.2 + 0.05 * index);
  }

  private static double[] pointOn(LineString line, double fraction) {
    Coordinate a = line.getCoordinateN(0);
    Coordinate b = line.getCoordinateN(1);
    return new double[] {round(a.x + (b.x - a.x) * fraction), round(a.y + (b.y - a.y) * fraction)};
  }

  double[] around(double x, double y, double sigma) {
    Force.Extent e = force.extent();
    while (true) {
      double px = x + gaussian() * sigma;
      double py = y + gaussian() * sigma;
      if (e.contains(px, py)) {
        return new double[] {round(px), round(py)};
      }
    }
  }

  /**
   * One line of an address, unique in the force: house number, street and the ward (locality) the
   * point lies in, as "12 Station Road, Northfield"; a number already taken on that street in that
   * ward is moved up to the next free one (no draw, so the rest of the world is as it would be).
   */
  private String addressText(int number, String street, double[] xy, Set<String> taken) {
    String locality = wardOf(xy).name();
    for (int free = number; ; free++) {
      String text = free + " " + street + ", " + locality;
      if (!taken.contains(text)) {
        return text;
      }
    }
  }

  private String postcode(double[] xy) {
    String id = wardOf(xy).id();
    return id.substring(Math.max(0, id.length() - 4));
  }

  /** The ward the point lies in (the first ward for a point on no ward's polygon). */
  private Ward wardOf(double[] xy) {
    Ward ward = Wards.wardContaining(wards, xy[0], xy[1]);
    return ward == null ? wards.get(0) : ward;
  }

  /**
   * What an ANPR camera reads: 3% of reads confuse one character with one of the other class (0/O,
   * 1/I, 2/Z, 5/S, 6/G, 8/B). Drawn from the read's id, so the rest of the world stays as it was.
   */
  static String misread(String vrm, String readId) {
    SplittableRandom camera = new SplittableRandom(readId.hashCode());
    if (camera.nextDouble() >= 0.03) {
      return vrm;
    }
    String from = "0O1I2Z5S6G8B";
    String to = "O0I1Z2S5G6B8";
    List<Integer> confusable = new ArrayList<>();
    for (int i = 0; i < vrm.length(); i++) {
      if (from.indexOf(vrm.charAt(i)) >= 0) {
        confusable.add(i);
      }
    }
    if (confusable.isEmpty()) {
      return vrm;
    }
    int at = confusable.get(camera.nextInt(confusable.size()));
    char misread = to.charAt(from.indexOf(vrm.charAt(at)));
    return vrm.substring(0, at) + misread + vrm.substring(at + 1);
  }

  String vrmAsWritten(String vrm) {
    double u = random.nextDouble();
    if (u < 0.25) {
      return vrm.replace(" ", "").replace("-", "");
    }
    if (u < 0.3) {
      return vrm.toLowerCase(Locale.ROOT);
    }
    return vrm;
  }

  String label(String name, String canonical) {
    List<String> canonicalNames = CANONICAL.get(name);
    return profile.label(name).get(canonicalNames.indexOf(canonical));
  }

  /** Labels whose meaning the generator relies on, in the order each force lists them. */
  private static final Map<String, List<String>> CANONICAL =
      Map.of(
          "role", List.of("victim", "offender", "witness"),
          "duty_state", List.of("on_duty", "meal"));

  String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  double gaussian() {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  String next(String stream, String prefix, LocalDate day) {
    long n = counters.merge(stream, 1L, Long::sum);
    return String.format(
        Locale.ROOT,
        "%s-%s-%s-%06d",
        profile.force().substring(0, 2).toUpperCase(Locale.ROOT),
        prefix,
        day.toString().replace("-", ""),
        n);
  }

  String id(String prefix, int n) {
    return String.format(Locale.ROOT, "%s%04d", prefix, n);
  }

  static void add(Map<String, List<Map<String, Object>>> s, String stream, Map<String, Object> r) {
    s.computeIfAbsent(stream, k -> new ArrayList<>()).add(r);
  }

  static Map<String, Object> rec(Object... keysAndValues) {
    Map<String, Object> record = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      record.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return record;
  }

  private List<String[]> codeList(String list) {
    try {
      List<String> lines = Files.readAllLines(pipelines.codeListFile(list), StandardCharsets.UTF_8);
      List<String[]> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          rows.add(line.split(",", -1));
        }
      }
      return List.copyOf(rows);
    } catch (IOException e) {
      throw Errors.io("read the code list " + list, e);
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
