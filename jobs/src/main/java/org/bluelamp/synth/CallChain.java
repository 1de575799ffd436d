package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.add;
import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bluelamp.synth.People.Identity;
import org.bluelamp.synth.Truth.Hotspot;

/**
 * A call and what follows from it, as one chain of draws: the call and its incident (graded,
 * dispatched, attended, sometimes mis-keyed or amended later), for some a crime with its victims,
 * suspects and witnesses, a second offence, an outcome now or days later, an arrest and custody.
 * Calls cluster in the world's hot spots while they are active.
 */
final class CallChain {
  /**
   * Share of records carrying a coding error that a warning rule flags; the first {@link
   * #WARNINGS_AT_LEAST} records that can carry one always do (see {@link #plantedWarnings}).
   */
  private static final double CODING_ERROR_RATE = 0.01;

  private static final int WARNINGS_AT_LEAST = 3;

  /** Share of crimes reported with a second offence in the same incident. */
  private static final double SECONDARY_CRIME_RATE = 0.05;

  /** Categories where a crime may have several victims (one crime per victim). */
  private static final Set<String> PERSONAL_CATEGORIES =
      Set.of("violent-crime", "robbery", "theft-from-the-person");

  /**
   * How many of each kind of coding error are planted so far: every world plants a few of each
   * (three, in case one lands in a record that is also planted defective and quarantined), so that
   * a short world still tests its warning rule; at a 1% rate a 4-day world at scale 0.05 had no
   * mis-coded crime about one seed in twelve.
   */
  private final Map<String, Integer> plantedWarnings = new HashMap<>();

  private final ForceWorld world;

  CallChain(ForceWorld world) {
    this.world = world;
  }

  void incident(LocalDate day, List<String> onDuty, Map<String, List<Map<String, Object>>> s) {
    double[] xy;
    int hour;
    Hotspot hotspot = world.hotspotFor(day);
    if (hotspot != null) {
      xy = world.around(hotspot.x(), hotspot.y(), hotspot.sigmaMetres());
      hour = Math.floorMod((int) Math.round(hotspot.peakHour() + world.gaussian() * 2), 24);
    } else {
      xy = world.uniformPoint();
      hour = world.weighted(ForceWorld.HOURLY);
    }
    ZonedDateTime received = world.at(day, hour);
    int g = world.weighted(world.profile.gradeWeights());
    String grade = world.grades.get(g)[0];
    ZonedDateTime dispatched = null;
    ZonedDateTime arrived = null;
    ZonedDateTime closed;
    String officer = null;
    if (world.profile.dispatchMinutes()[g] == 0) {
      closed = received.plusMinutes(10 + world.random.nextInt(50));
    } else {
      dispatched =
          received.plusSeconds(30 + world.random.nextInt(world.profile.dispatchMinutes()[g] * 60));
      arrived =
          dispatched.plusSeconds(60 + world.random.nextInt(world.profile.travelMinutes()[g] * 60));
      closed = arrived.plusMinutes(15 + world.random.nextInt(105));
      officer = onDuty.get(world.random.nextInt(onDuty.size()));
    }
    // A call handler's slip: the arrival keyed before the dispatch.
    boolean misKeyed =
        arrived != null
            && (world.random.nextDouble() < CODING_ERROR_RATE
                || plantedWarnings.getOrDefault("impossible_time", 0) < WARNINGS_AT_LEAST);
    String incidentId = world.next("incident", "INC", day);
    String channel = world.pick(world.profile.label("channel"));
    Map<String, Object> incident =
        rec(
            "incident_id", incidentId,
            "received_at", received,
            "grade", grade,
            "channel", channel,
            "dispatched_at", dispatched,
            "arrived_at",
                misKeyed ? dispatched.minusMinutes(3 + world.random.nextInt(20)) : arrived,
            "closed_at", closed,
            "easting", xy[0],
            "northing", xy[1],
            "officer_id", officer,
            "last_modified_at", closed);
    if (misKeyed) {
      plantedWarnings.merge("impossible_time", 1, Integer::sum);
      incident.put(SourceWriter.WARNING, "impossible_time");
    } else if (world.random.nextDouble() < 0.02) {
      LocalDate on = closed.toLocalDate().plusDays(1);
      incident.put(
          SourceWriter.AMENDED,
          rec(
              "closed_at",
              closed.plusMinutes(45),
              "last_modified_at",
              on.atTime(8, 0).atZone(world.force.zone()),
              SourceWriter.AMENDED_ON,
              on));
    }
    add(s, "incident", incident);
    Identity caller = world.people.pick(world.random, "calls");
    String callId = world.next("call", "CALL", day);
    Map<String, Object> call =
        rec(
            "call_id",
            callId,
            "received_at",
            received.minusSeconds(20 + world.random.nextInt(60)),
            "answered_at",
            received,
            "channel",
            channel,
            "caller_phone",
            caller.phone(),
            "incident_id",
            incidentId,
            SourceWriter.IDENTITY,
            caller.id());
    call.putAll(callerDetails(caller, callId));
    add(s, "call", call);
    if (world.random.nextDouble() < world.profile.crimeShare()) {
      crime(day, incident, xy, received, s);
    }
  }

  /**
   * What the call handler types about the caller: the name as heard (spelt as {@link People#record}
   * spells it) unless the caller will not give it (1 call in 10), and the caller's home address
   * when they give it (6 in 10; the others call from elsewhere or decline). Drawn from the call's
   * id, so the rest of the world stays as it was.
   */
  private Map<String, Object> callerDetails(Identity caller, String callId) {
    SplittableRandom handler = new SplittableRandom(callId.hashCode());
    Map<String, Object> heard = world.people.record(caller, handler);
    boolean named = handler.nextDouble() < 0.9;
    boolean atHome = handler.nextDouble() < 0.6;
    Map<String, Object> details = new HashMap<>();
    details.put("caller_forename", named ? heard.get("forename") : null);
    details.put("caller_surname", named ? heard.get("surname") : null);
    details.put("caller_address", atHome ? heard.get("address") : null);
    return details;
  }

  private void crime(
      LocalDate day,
      Map<String, Object> incident,
      double[] xy,
      ZonedDateTime received,
      Map<String, List<Map<String, Object>>> s) {
    String[] offence = world.offence(day);
    ZonedDateTime reported = received.plusMinutes(5 + world.random.nextInt(120));
    if (!reported.toLocalDate().equals(day)) {
      reported = received; // a crime is reported on the day of its call in this world
    }
    int offenders = world.random.nextDouble() < 0.5 ? 1 : 0;
    boolean personal = PERSONAL_CATEGORIES.contains(offence[2]);
    int victims = personal && world.random.nextDouble() < 0.08 ? 2 : 1;
    String station =
        (String) world.officers.get(world.random.nextInt(world.officers.size())).get("station");
    Map<String, Object> crime =
        crimeRecord(day, incident, offence, xy, received, reported, victims, offenders, station);
    String crimeId = (String) crime.get("crime_id");
    add(s, "crime", crime);
    if (world.random.nextDouble() < SECONDARY_CRIME_RATE) {
      // A second offence in the same report (e.g. damage done during a burglary): the finished
      // incident and principal crime rules count only the more serious of the two.
      String[] other = world.offences.get(world.random.nextInt(world.offences.size()));
      add(s, "crime", crimeRecord(day, incident, other, xy, received, reported, 1, 0, station));
    }
    List<String> roles = new ArrayList<>(Collections.nCopies(victims, "victim"));
    if (offenders > 0) {
      roles.add("offender");
    }
    if (world.random.nextDouble() < 0.2) {
      roles.add("witness");
    }
    for (String role : roles) {
      Identity person = world.people.pick(world.random, role);
      Map<String, Object> nominal = world.people.record(person, world.random);
      nominal.put("id_document", world.people.document(person, "person"));
      nominal.put("person_record_id", world.next("person", "NOM", day));
      nominal.put("role", world.label("role", role));
      nominal.put("crime_id", crimeId);
      nominal.put("recorded_at", reported.plusMinutes(10));
      add(s, "person", nominal);
      if (role.equals("victim") && world.random.nextDouble() < 0.15) {
        add(
            s,
            "dash",
            rec(
                "assessment_id",
                world.next("dash", "DASH", day),
                "crime_id",
                crimeId,
                "victim_forename",
                nominal.get("forename"),
                "victim_surname",
                nominal.get("surname"),
                "assessed_at",
                reported.plusMinutes(60),
                "risk_level",
                world.pick(world.profile.label("risk")),
                "score",
                (long) world.random.nextInt(28),
                SourceWriter.IDENTITY,
                person.id()));
      }
      boolean planted = person.equals(world.people.plantedPerson());
      if (role.equals("offender") && (world.random.nextDouble() < 0.4 || planted)) {
        arrest(day, crimeId, nominal, person, xy, reported, s);
      }
    }
    if (world.random.nextDouble() < 0.6) {
      ZonedDateTime outcomeAt = reported.plusDays(world.random.nextInt(10)).plusHours(2);
      Map<String, Object> outcome =
          rec(
              "outcome_id", world.next("outcome", "OUT", day),
              "crime_id", crimeId,
              "outcome_code", world.pick(world.profile.label("outcome")),
              "outcome_at", outcomeAt,
              "recorded_at", outcomeAt);
      world
          .laterOutcomes
          .computeIfAbsent(outcomeAt.toLocalDate(), d -> new ArrayList<>())
          .add(outcome);
    }
  }

  private Map<String, Object> crimeRecord(
      LocalDate day,
      Map<String, Object> incident,
      String[] offence,
      double[] xy,
      ZonedDateTime received,
      ZonedDateTime reported,
      int victims,
      int offenders,
      String station) {
    boolean misCoded =
        world.random.nextDouble() < CODING_ERROR_RATE
            || plantedWarnings.getOrDefault("code_description_mismatch", 0) < WARNINGS_AT_LEAST;
    String text = offence[1];
    if (misCoded) {
      // The description of another offence typed beside the code.
      text = world.offences.get((world.offences.indexOf(offence) + 1) % world.offences.size())[1];
    }
    Map<String, Object> crime =
        rec(
            "crime_id",
            world.next("crime", "CR", day),
            "incident_id",
            incident.get("incident_id"),
            "offence_code",
            offence[0],
            "offence_text",
            text,
            "committed_from_at",
            received.minusMinutes(world.random.nextInt(60)),
            "committed_to_at",
            received,
            "reported_at",
            reported,
            "easting",
            xy[0],
            "northing",
            xy[1],
            "victims",
            (long) victims,
            "offenders",
            (long) offenders,
            "service",
            station,
            "last_modified_at",
            reported.plusMinutes(30),
            "_category",
            offence[2],
            "_seriousness",
            Integer.parseInt(offence[4]));
    if (misCoded) {
      plantedWarnings.merge("code_description_mismatch", 1, Integer::sum);
      crime.put(SourceWriter.WARNING, "code_description_mismatch");
    }
    return crime;
  }

  private void arrest(
      LocalDate day,
      String crimeId,
      Map<String, Object> nominal,
      Identity person,
      double[] xy,
      ZonedDateTime reported,
      Map<String, List<Map<String, Object>>> s) {
    String arrestId = world.next("arrest", "ARR", day);
    ZonedDateTime arrested = reported.plusMinutes(30 + world.random.nextInt(300));
    add(
        s,
        "arrest",
        rec(
            "arrest_id",
            arrestId,
            "crime_id",
            crimeId,
            "person_record_id",
            nominal.get("person_record_id"),
            "officer_id",
            world.officers.get(world.random.nextInt(world.officers.size())).get("officer_id"),
            "arrested_at",
            arrested,
            "reason",
            world.pick(world.profile.label("arrest_reason")),
            "easting",
            xy[0],
            "northing",
            xy[1],
            SourceWriter.IDENTITY,
            person.id()));
    if (world.random.nextDouble() < 0.9 || person.equals(world.people.plantedPerson())) {
      Map<String, Object> custody = world.people.record(person, world.random);
      // Custody always books a detainee in with a date of birth (as given: it may be swapped).
      custody.putIfAbsent("dob", person.dob());
      custody.put("id_document", world.people.document(person, "custody"));
      custody.put("custody_id", world.next("custody", "CUS", day));
      custody.put("arrest_id", arrestId);
      custody.put("booked_in_at", arrested.plusMinutes(40));
      custody.put("released_at", arrested.plusHours(4 + world.random.nextInt(20)));
      custody.put("disposal", world.pick(world.profile.label("disposal")));
      add(s, "custody", custody);
    }
  }
}
