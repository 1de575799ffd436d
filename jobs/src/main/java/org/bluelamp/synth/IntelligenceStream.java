package org.bluelamp.synth;

import java.util.List;
import java.util.Map;

/** Intelligence submissions with their grades and SOC flag. */
final class IntelligenceStream implements RecordStream {
  @Override
  public String name() {
    return "intelligence";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    Map<String, Object> r = world.people.record(draw.person(), world.random);
    r.putAll(
        located(
            world,
            draw,
            "intel_id",
            "INT",
            "submitted_at",
            "source_grade",
            world.pick(List.of("A", "B", "C", "D", "E")),
            "intel_grade",
            world.pick(List.of("1", "2", "3", "4", "5")),
            "handling_code",
            world.pick(List.of("P", "C")),
            "soc_flag",
            world.random.nextDouble() < 0.2 ? "Y" : "N"));
    return r;
  }
}
