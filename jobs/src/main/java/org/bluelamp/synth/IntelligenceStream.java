package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.bluelamp.synth.People.Identity;

/** Intelligence submissions with their grades and SOC flag. */
final class IntelligenceStream implements RecordStream {
  private static final String NAME = "intelligence";

  private final ForceWorld world;

  IntelligenceStream(ForceWorld world) {
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
            "intel_id",
            world.next(NAME, "INT", day),
            "submitted_at",
            at,
            "source_grade",
            world.pick(List.of("A", "B", "C", "D", "E")),
            "intel_grade",
            world.pick(List.of("1", "2", "3", "4", "5")),
            "handling_code",
            world.pick(List.of("P", "C")),
            "soc_flag",
            world.random.nextDouble() < 0.2 ? "Y" : "N",
            "easting",
            xy[0],
            "northing",
            xy[1]));
    return r;
  }
}
