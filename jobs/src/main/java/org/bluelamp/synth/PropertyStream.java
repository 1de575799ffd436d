package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;

/** Found and lost property. */
final class PropertyStream implements RecordStream {
  private static final String NAME = "property";

  private final ForceWorld world;

  PropertyStream(ForceWorld world) {
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
        "property_id",
        world.next(NAME, "PROP", day),
        "status",
        world.pick(world.profile.label("property_status")),
        "item_type",
        world.pick(world.profile.label("item")),
        "reported_at",
        at,
        "easting",
        xy[0],
        "northing",
        xy[1]);
  }
}
