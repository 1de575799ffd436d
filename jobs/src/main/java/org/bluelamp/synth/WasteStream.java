package org.bluelamp.synth;

import java.util.Map;

/** Fly-tipping reports from the council. */
final class WasteStream implements RecordStream {
  @Override
  public String name() {
    return "waste";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    return located(
        world,
        draw,
        "report_id",
        "DEP",
        "reported_at",
        "waste_type",
        world.pick(world.profile.label("waste")),
        "volume_m3",
        Math.round(world.random.nextDouble() * 40) / 10.0 + 0.1);
  }
}
