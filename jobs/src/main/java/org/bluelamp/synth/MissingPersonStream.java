package org.bluelamp.synth;

import java.time.ZonedDateTime;
import java.util.Map;

/** Missing-person reports, four in five found again within two days. */
final class MissingPersonStream implements RecordStream {
  @Override
  public String name() {
    return "missing_person";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    ZonedDateTime at = draw.at();
    Map<String, Object> r = world.people.record(draw.person(), world.random);
    r.putAll(
        located(
            world,
            draw,
            "case_id",
            "MIS",
            "reported_at",
            "found_at",
            world.random.nextDouble() < 0.8 ? at.plusHours(2 + world.random.nextInt(48)) : null,
            "risk_level",
            world.pick(world.profile.label("risk"))));
    return r;
  }
}
