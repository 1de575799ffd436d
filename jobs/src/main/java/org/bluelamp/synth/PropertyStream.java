package org.bluelamp.synth;

import java.util.Map;

/** Found and lost property. */
final class PropertyStream implements RecordStream {
  @Override
  public String name() {
    return "property";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    return located(
        world,
        draw,
        "property_id",
        "PROP",
        "reported_at",
        "status",
        world.pick(world.profile.label("property_status")),
        "item_type",
        world.pick(world.profile.label("item")));
  }
}
