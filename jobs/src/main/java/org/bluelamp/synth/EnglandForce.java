package org.bluelamp.synth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.synth.Truth.DailyCount;
import org.bluelamp.synth.Truth.Defect;
import org.bluelamp.synth.Truth.Hotspot;
import org.bluelamp.synth.Truth.SourceTruth;
import org.bluelamp.synth.Truth.Update;
import org.bluelamp.synth.Wards.Ward;
import org.locationtech.jts.geom.Coordinate;

/**
 * The English sample force: ward boundaries (GeoJSON, British National Grid), CAD incidents (daily
 * CSV, dd/MM/yyyy local times) and recorded crimes (daily JSON lines, ISO local times), with
 * planted hot-spots, defects, duplicates and late updates.
 */
final class EnglandForce {
  static final String FORCE = "england";
  static final String CAD = "england__cad";
  static final String RMS = "england__rms";
  static final int H3_RESOLUTION = 8;
  private static final int CALLS_PER_DAY_AT_SCALE_1 = 2_000;
  private static final double CRIME_SHARE = 0.35;
  private static final double DEFECT_RATE = 0.003;
  private static final double UPDATE_RATE = 0.02;
  private static final DateTimeFormatter CAD_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
  private static final DateTimeFormatter RMS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final String[] GRADES = {"1", "2", "3", "4"};
  private static final double[] GRADE_WEIGHTS = {0.15, 0.35, 0.35, 0.15};
  private static final String[] CHANNELS = {"999", "101", "online"};
  private static final String[] CAD_DEFECTS = {
    "bad_date", "missing_location", "out_of_area", "unknown_code", "duplicate"
  };
  private static final String[] RMS_DEFECTS = {
    "bad_date", "missing_location", "unknown_code", "duplicate", "malformed"
  };

  private final Force force;
  private final List<String[]> offences;
  private final WorldGenerator.Options options;
  private final SplittableRandom random;

  EnglandForce(Pipelines pipelines, WorldGenerator.Options options) {
    this.force = pipelines.force(FORCE);
    this.offences = readCodeList(pipelines.codeListFile("england/offences"));
    this.options = requireNonNull(options, "options");
    this.random = new SplittableRandom(options.seed());
  }

  private record Incident(
      String id,
      ZonedDateTime received,
      String grade,
      String channel,
      ZonedDateTime dispatched,
      ZonedDateTime arrived,
      ZonedDateTime closed,
      double x,
      double y) {}

  private record Crime(
      String id,
      String incidentId,
      String offence,
      String category,
      ZonedDateTime committedFrom,
      ZonedDateTime committedTo,
      ZonedDateTime reported,
      double x,
      double y) {}

  Truth write(Path landing, Progress progress) {
    List<Ward> wards = Wards.build(force.extent(), 4, 3, random.split());
    List<Hotspot> hotspots = hotspots();
    writeWards(landing.resolve("england/wards/wards.geojson"), wards);

    List<Defect> defects = new ArrayList<>();
    List<Update> updates = new ArrayList<>();
    Map<String, Long> dailyCounts = new TreeMap<>();
    Map<LocalDate, List<Crime>> crimesByDay = new TreeMap<>();
    List<Incident> pendingUpdates = new ArrayList<>();
    long[] cad = new long[3];
    long[] rms = new long[3];
    int perDay = Math.max(20, (int) Math.round(CALLS_PER_DAY_AT_SCALE_1 * options.scale()));
    for (int d = 0; d < options.days(); d++) {
      LocalDate day = options.start().plusDays(d);
      List<Incident> incidents = new ArrayList<>();
      for (int n = 0; n < perDay; n++) {
        Incident incident = incident(day, n, hotspots);
        incidents.add(incident);
        if (random.nextDouble() < CRIME_SHARE) {
          Crime crime = crime(incident, day, n);
          crimesByDay
              .computeIfAbsent(crime.reported().toLocalDate(), k -> new ArrayList<>())
              .add(crime);
        }
      }
      writeCad(landing, day, incidents, pendingUpdates, defects, updates, cad);
      writeRms(landing, day, crimesByDay.remove(day), wards, defects, dailyCounts, rms);
      if ((d + 1) % 7 == 0 || d + 1 == options.days()) {
        progress.log(
            "generate",
            FORCE
                + ": "
                + (d + 1)
                + "/"
                + options.days()
                + " days, "
                + Progress.count(cad[0])
                + " CAD records, "
                + Progress.count(rms[0])
                + " crimes");
      }
    }
    List<DailyCount> counts = new ArrayList<>();
    dailyCounts.forEach(
        (key, count) -> {
          String[] parts = key.split("\\|");
          counts.add(new DailyCount(parts[0], parts[1], parts[2], count));
        });
    Map<String, SourceTruth> sources = new LinkedHashMap<>();
    sources.put(CAD, new SourceTruth(cad[0], cad[1], cad[2]));
    sources.put(RMS, new SourceTruth(rms[0], rms[1], rms[2]));
    sources.put("england__wards", new SourceTruth(wards.size(), wards.size(), wards.size()));
    return new Truth(
        FORCE,
        options.seed(),
        options.start().toString(),
        options.days(),
        options.scale(),
        H3_RESOLUTION,
        hotspots,
        sources,
        defects,
        updates,
        counts);
  }

  private List<Hotspot> hotspots() {
    Force.Extent e = force.extent();
    double[] shares = {0.12, 0.08, 0.06};
    double[] sigmas = {150, 200, 250};
    List<Hotspot> hotspots = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      double x = e.minX() + 2_000 + random.nextDouble() * (e.maxX() - e.minX() - 4_000);
      double y = e.minY() + 2_000 + random.nextDouble() * (e.maxY() - e.minY() - 4_000);
      hotspots.add(new Hotspot("H" + (i + 1), round(x), round(y), sigmas[i], shares[i]));
    }
    return List.copyOf(hotspots);
  }

  private Incident incident(LocalDate day, int n, List<Hotspot> hotspots) {
    double[] xy = location(hotspots);
    ZoneId zone = force.zone();
    Instant dayStart = day.atStartOfDay(zone).toInstant();
    long daySeconds =
        day.plusDays(1).atStartOfDay(zone).toEpochSecond() - dayStart.getEpochSecond();
    ZonedDateTime received = dayStart.plusSeconds(random.nextLong(daySeconds)).atZone(zone);
    String grade = GRADES[pick(GRADE_WEIGHTS)];
    ZonedDateTime dispatched = null;
    ZonedDateTime arrived = null;
    ZonedDateTime closed;
    if (grade.equals("4")) {
      closed = received.plusMinutes(10 + random.nextInt(50));
    } else {
      int[] dispatchMinutes = {3, 10, 60};
      int[] travelMinutes = {9, 25, 90};
      int g = Integer.parseInt(grade) - 1;
      dispatched = received.plusSeconds(30 + random.nextInt(dispatchMinutes[g] * 60));
      arrived = dispatched.plusSeconds(60 + random.nextInt(travelMinutes[g] * 60));
      closed = arrived.plusMinutes(15 + random.nextInt(105));
    }
    String id = String.format(Locale.ROOT, "CAD-%s-%05d", day.toString().replace("-", ""), n + 1);
    return new Incident(
        id,
        received,
        grade,
        CHANNELS[random.nextInt(CHANNELS.length)],
        dispatched,
        arrived,
        closed,
        xy[0],
        xy[1]);
  }

  private Crime crime(Incident incident, LocalDate day, int n) {
    String[] offence = offences.get(random.nextInt(offences.size()));
    ZonedDateTime committedTo = incident.received();
    ZonedDateTime committedFrom = committedTo.minusMinutes(random.nextInt(60));
    ZonedDateTime reported = incident.received().plusMinutes(5 + random.nextInt(120));
    String id = String.format(Locale.ROOT, "CRM/%s/%05d", day.toString().replace("-", ""), n + 1);
    return new Crime(
        id,
        incident.id(),
        offence[0],
        offence[2],
        committedFrom,
        committedTo,
        reported,
        incident.x(),
        incident.y());
  }

  /** A point from a planted hot-spot (Gaussian around its centre) or from the background. */
  private double[] location(List<Hotspot> hotspots) {
    Force.Extent e = force.extent();
    double u = random.nextDouble();
    double cumulative = 0;
    for (Hotspot hotspot : hotspots) {
      cumulative += hotspot.share();
      if (u < cumulative) {
        while (true) {
          double x = hotspot.x() + gaussian() * hotspot.sigmaMetres();
          double y = hotspot.y() + gaussian() * hotspot.sigmaMetres();
          if (e.contains(x, y)) {
            return new double[] {round(x), round(y)};
          }
        }
      }
    }
    return new double[] {
      round(e.minX() + random.nextDouble() * (e.maxX() - e.minX())),
      round(e.minY() + random.nextDouble() * (e.maxY() - e.minY()))
    };
  }

  private void writeCad(
      Path landing,
      LocalDate day,
      List<Incident> incidents,
      List<Incident> pendingUpdates,
      List<Defect> defects,
      List<Update> updates,
      long[] counts) {
    String name = "england/cad/cad_" + day + ".csv";
    List<String> lines = new ArrayList<>();
    lines.add(
        "INCIDENT_REF,CALL_RECEIVED,GRADE,CHANNEL,DISPATCHED,ARRIVED,CLOSED,EASTING,NORTHING,LAST_MODIFIED");
    for (Incident update : pendingUpdates) {
      lines.add(
          cadLine(
              update,
              update.received(),
              update.grade(),
              coordinates(update.x(), update.y()),
              update.closed().toLocalDate().plusDays(1).atTime(8, 0).atZone(force.zone())));
      counts[0]++;
      counts[1]++;
      updates.add(new Update(CAD, update.id(), update.closed().toLocalDateTime().format(RMS_TIME)));
    }
    pendingUpdates.clear();
    for (int n = 0; n < incidents.size(); n++) {
      Incident incident = incidents.get(n);
      String defect = defectFor(n, CAD_DEFECTS);
      String line =
          switch (defect == null ? "" : defect) {
            case "bad_date" ->
                cadLine(
                        incident,
                        null,
                        incident.grade(),
                        coordinates(incident.x(), incident.y()),
                        incident.closed())
                    .replaceFirst(",,", "," + "31/02/" + day.getYear() + " 25:61:00,");
            case "missing_location" ->
                cadLine(incident, incident.received(), incident.grade(), ",", incident.closed());
            case "out_of_area" ->
                cadLine(
                    incident,
                    incident.received(),
                    incident.grade(),
                    "412000.0,290000.0",
                    incident.closed());
            case "unknown_code" ->
                cadLine(
                    incident,
                    incident.received(),
                    "9",
                    coordinates(incident.x(), incident.y()),
                    incident.closed());
            default ->
                cadLine(
                    incident,
                    incident.received(),
                    incident.grade(),
                    coordinates(incident.x(), incident.y()),
                    incident.closed());
          };
      lines.add(line);
      counts[0]++;
      counts[2]++;
      if (defect == null || defect.equals("duplicate")) {
        counts[1]++;
      }
      if (defect != null && !defect.equals("duplicate")) {
        defects.add(new Defect(CAD, name, lines.size(), defect, cadRule(defect), incident.id()));
      }
      if (defect != null && defect.equals("duplicate")) {
        lines.add(line);
        counts[0]++;
        defects.add(new Defect(CAD, name, lines.size(), defect, "duplicate_record", incident.id()));
      } else if (defect == null && random.nextDouble() < UPDATE_RATE) {
        pendingUpdates.add(
            new Incident(
                incident.id(),
                incident.received(),
                incident.grade(),
                incident.channel(),
                incident.dispatched(),
                incident.arrived(),
                incident.closed().plusMinutes(45),
                incident.x(),
                incident.y()));
      }
    }
    writeLines(landing.resolve(name), lines);
  }

  private static String cadRule(String defect) {
    return switch (defect) {
      case "bad_date" -> "parse:received_at";
      case "missing_location" -> "missing_location";
      case "out_of_area" -> "out_of_area";
      case "unknown_code" -> "code_list:grade";
      default -> throw new IllegalArgumentException(defect);
    };
  }

  private String cadLine(
      Incident i,
      ZonedDateTime received,
      String grade,
      String coordinates,
      ZonedDateTime modified) {
    return String.join(
        ",",
        i.id(),
        format(received, CAD_TIME),
        grade,
        i.channel(),
        format(i.dispatched(), CAD_TIME),
        format(i.arrived(), CAD_TIME),
        format(i.closed(), CAD_TIME),
        coordinates,
        format(modified, CAD_TIME));
  }

  private void writeRms(
      Path landing,
      LocalDate day,
      List<Crime> crimes,
      List<Ward> wards,
      List<Defect> defects,
      Map<String, Long> dailyCounts,
      long[] counts) {
    String name = "england/rms/rms_" + day + ".jsonl";
    List<String> lines = new ArrayList<>();
    List<Crime> todays = crimes == null ? List.of() : crimes;
    for (int n = 0; n < todays.size(); n++) {
      Crime crime = todays.get(n);
      String defect = defectFor(n, RMS_DEFECTS);
      ObjectNode json = WorldGenerator.JSON.createObjectNode();
      json.put("crime_ref", crime.id());
      json.put("incident_ref", crime.incidentId());
      json.put("ho_code", "unknown_code".equals(defect) ? "999/99" : crime.offence());
      json.put("committed_from", format(crime.committedFrom(), RMS_TIME));
      json.put("committed_to", format(crime.committedTo(), RMS_TIME));
      json.put(
          "reported_at",
          "bad_date".equals(defect)
              ? day.getYear() + "-02-30T10:00:00"
              : format(crime.reported(), RMS_TIME));
      if ("missing_location".equals(defect)) {
        json.putNull("easting");
        json.putNull("northing");
      } else {
        json.put("easting", crime.x());
        json.put("northing", crime.y());
      }
      json.put("last_modified", format(crime.reported().plusMinutes(30), RMS_TIME));
      String line = json.toString();
      if ("malformed".equals(defect)) {
        line = line.substring(0, line.length() / 2);
      }
      lines.add(line);
      counts[0]++;
      counts[2]++;
      if (defect == null || defect.equals("duplicate")) {
        counts[1]++;
        String ward = Wards.wardAt(wards, crime.x(), crime.y());
        dailyCounts.merge(ward + "|" + crime.category() + "|" + day, 1L, Long::sum);
      }
      if (defect != null && !defect.equals("duplicate")) {
        defects.add(new Defect(RMS, name, lines.size(), defect, rmsRule(defect), crime.id()));
      }
      if ("duplicate".equals(defect)) {
        lines.add(line);
        counts[0]++;
        defects.add(new Defect(RMS, name, lines.size(), defect, "duplicate_record", crime.id()));
      }
    }
    writeLines(landing.resolve(name), lines);
  }

  private static String rmsRule(String defect) {
    return switch (defect) {
      case "bad_date" -> "parse:reported_at";
      case "missing_location" -> "missing_location";
      case "unknown_code" -> "code_list:offence_code";
      case "malformed" -> "malformed_record";
      default -> throw new IllegalArgumentException(defect);
    };
  }

  /**
   * The defect planted in the n-th record of a file, if any: records 3 to 7 of every file carry one
   * of each kind (so every kind is present at any scale), others at random.
   */
  private String defectFor(int n, String[] kinds) {
    if (n >= 3 && n < 3 + kinds.length) {
      return kinds[n - 3];
    }
    if (random.nextDouble() < DEFECT_RATE * kinds.length) {
      return kinds[random.nextInt(kinds.length)];
    }
    return null;
  }

  private void writeWards(Path file, List<Ward> wards) {
    ObjectNode root = WorldGenerator.JSON.createObjectNode();
    root.put("type", "FeatureCollection");
    root.putObject("crs")
        .put("type", "name")
        .putObject("properties")
        .put("name", "urn:ogc:def:crs:EPSG::27700");
    ArrayNode features = root.putArray("features");
    for (Ward ward : wards) {
      ObjectNode feature = features.addObject();
      feature.put("type", "Feature");
      feature.putObject("properties").put("WD_CODE", ward.id()).put("WD_NAME", ward.name());
      ObjectNode geometry = feature.putObject("geometry");
      geometry.put("type", "Polygon");
      ArrayNode ring = geometry.putArray("coordinates").addArray();
      for (Coordinate c : ward.polygon().getExteriorRing().getCoordinates()) {
        ring.addArray().add(round(c.x)).add(round(c.y));
      }
    }
    writeLines(file, List.of(root.toString()));
  }

  private static List<String[]> readCodeList(Path file) {
    try {
      Iterator<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).iterator();
      lines.next();
      List<String[]> rows = new ArrayList<>();
      lines.forEachRemaining(l -> rows.add(l.split(",", -1)));
      return List.copyOf(rows);
    } catch (IOException e) {
      throw Errors.io("read the code list " + file, e);
    }
  }

  private static void writeLines(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (String line : lines) {
          writer.write(line);
          writer.write('\n');
        }
      }
    } catch (IOException e) {
      throw Errors.io("write " + file, e);
    }
  }

  private static String coordinates(double x, double y) {
    return x + "," + y;
  }

  private static String format(ZonedDateTime time, DateTimeFormatter formatter) {
    return time == null ? "" : time.toLocalDateTime().format(formatter);
  }

  private int pick(double[] weights) {
    double u = random.nextDouble();
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private double gaussian() {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
