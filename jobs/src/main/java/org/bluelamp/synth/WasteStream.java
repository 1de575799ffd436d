package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;

/** Fly-tipping reports from the council. */
final class WasteStream implements RecordStream {
  private static final String NAME = "waste";

  private final ForceWorld world;

  WasteStream(ForceWorld world) {
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
        world.next(NAME, "DEP", day),
        "reported_at",
        at,
        "waste_type",
        world.pick(world.profile.label("waste")),
        "volume_m3",
        Math.round(world.random.nextDouble() * 40) / 10.0 + 0.1,
        "easting",
        xy[0],
        "northing",
        xy[1]);
  }
}
