package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import org.bluelamp.synth.People.Identity;

/** Missing-person reports, four in five found again within two days. */
final class MissingPersonStream implements RecordStream {
  private static final String NAME = "missing_person";

  private final ForceWorld world;

  MissingPersonStream(ForceWorld world) {
    this.world = world;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> draw(Draw draw) {
    LocalDate day = draw.day();
    ZonedDateTime at = draw.at();
    double[] xy = draw.xy();
    Identity person = draw.person();

    Map<String, Object> r = world.people.record(person, world.random);
    r.putAll(
        rec(
            "case_id",
            world.next(NAME, "MIS", day),
            "reported_at",
            at,
            "found_at",
            world.random.nextDouble() < 0.8 ? at.plusHours(2 + world.random.nextInt(48)) : null,
            "risk_level",
            world.pick(world.profile.label("risk")),
            "easting",
            xy[0],
            "northing",
            xy[1]));
    return r;
  }
}
