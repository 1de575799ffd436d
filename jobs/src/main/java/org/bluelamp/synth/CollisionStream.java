package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import org.bluelamp.synth.Truth.InterventionEffect;

/**
 * A collision: a share happen near the speed-control interventions, and while one runs the
 * collisions near it drop by its stated effect (the truth a before/after analysis must find).
 */
final class CollisionStream implements RecordStream {
  @Override
  public String name() {
    return "collision";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    LocalDate day = draw.day();
    ZonedDateTime at = draw.at();
    Map<String, Object> vehicle = draw.vehicle();
    String vrm = draw.vrm();
    double[] xy;
    if (!world.effects.isEmpty() && world.random.nextDouble() < 0.35) {
      InterventionEffect effect = world.effects.get(world.random.nextInt(world.effects.size()));
      boolean running =
          !day.isBefore(LocalDate.parse(effect.startsOn()))
              && !day.isAfter(LocalDate.parse(effect.endsOn()));
      if (running && world.random.nextDouble() < effect.reduction()) {
        return null;
      }
      xy = world.around(effect.x(), effect.y(), effect.radiusMetres() / 3);
    } else {
      xy = world.streetPoint();
    }
    double u = world.random.nextDouble();
    return rec(
        "collision_id",
        world.next("collision", "COL", day),
        "occurred_at",
        at,
        "severity",
        world.profile.label("severity").get(u < 0.02 ? 0 : u < 0.17 ? 1 : 2),
        "vehicles",
        (long) (1 + world.random.nextInt(3)),
        "casualties",
        (long) world.random.nextInt(3),
        "vrm",
        vrm,
        "easting",
        xy[0],
        "northing",
        xy[1],
        SourceWriter.IDENTITY,
        vehicle.get("vrm"));
  }
}
