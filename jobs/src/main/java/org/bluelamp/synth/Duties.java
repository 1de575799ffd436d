package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.add;
import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The officers on duty each day: their duty states (on duty, meal, on duty again) and, where a
 * source carries them, a GPS ping every two hours around where their shift started.
 */
final class Duties {
  private final ForceWorld world;

  Duties(ForceWorld world) {
    this.world = world;
  }

  /** The duty states and pings of the day's officers, into {@code s} where a source needs them. */
  void draw(
      LocalDate day,
      List<String> onDuty,
      Map<String, List<Map<String, Object>>> s,
      Set<String> needed) {
    if (!needed.contains("duty") && !needed.contains("gps")) {
      return;
    }
    for (String officer : onDuty) {
      String team = world.teamOf.get(officer);
      boolean night = team.equals("C") || team.equals("D");
      ZonedDateTime start = world.at(day, night ? 17 : 7).withMinute(0).withSecond(0);
      ZonedDateTime meal = start.plusHours(4 + world.random.nextInt(3));
      ZonedDateTime back = meal.plusMinutes(45);
      addDuty(s, day, officer, "on_duty", start, meal);
      addDuty(s, day, officer, "meal", meal, back);
      addDuty(s, day, officer, "on_duty", back, start.plusHours(10));
      if (needed.contains("gps")) {
        double[] xy = world.uniformPoint();
        for (int h = 0; h < 10; h += 2) {
          xy = world.around(xy[0], xy[1], 600);
          add(
              s,
              "gps",
              rec(
                  "ping_id",
                  world.next("gps", "GPS", day),
                  "officer_id",
                  officer,
                  "ping_at",
                  start.plusHours(h).plusMinutes(world.random.nextInt(60)),
                  "easting",
                  xy[0],
                  "northing",
                  xy[1]));
        }
      }
    }
  }

  private void addDuty(
      Map<String, List<Map<String, Object>>> s,
      LocalDate day,
      String officer,
      String state,
      ZonedDateTime from,
      ZonedDateTime to) {
    add(
        s,
        "duty",
        rec(
            "duty_id", world.next("duty", "DUT", day),
            "officer_id", officer,
            "state", world.label("duty_state", state),
            "from_at", from,
            "to_at", to));
  }
}
