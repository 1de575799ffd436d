package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;

/** Anti-social behaviour reports from the council. */
final class AsbStream implements RecordStream {
  private static final String NAME = "asb";

  private final ForceWorld world;

  AsbStream(ForceWorld world) {
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
    return rec(
        "report_id",
        world.next(NAME, "ASB", day),
        "reported_at",
        at,
        "category",
        world.pick(world.profile.label("asb")),
        "easting",
        xy[0],
        "northing",
        xy[1]);
  }
}
