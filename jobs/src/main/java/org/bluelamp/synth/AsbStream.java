package org.bluelamp.synth;

import java.util.Map;

/** Anti-social behaviour reports from the council. */
final class AsbStream implements RecordStream {
  @Override
  public String name() {
    return "asb";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    return located(
        world,
        draw,
        "report_id",
        "ASB",
        "reported_at",
        "category",
        world.pick(world.profile.label("asb")));
  }
}
