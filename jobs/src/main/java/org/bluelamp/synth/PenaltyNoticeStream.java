package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.util.Map;

/** Penalty notices, issued up to twenty days after the offence. */
final class PenaltyNoticeStream implements RecordStream {
  private static final String NAME = "penalty_notice";

  private final ForceWorld world;

  PenaltyNoticeStream(ForceWorld world) {
    this.world = world;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> draw(Draw draw) {
    LocalDate day = draw.day();
    Map<String, Object> vehicle = draw.vehicle();
    String vrm = draw.vrm();

    LocalDate offence = day.minusDays(world.random.nextInt(3));
    return rec(
        "notice_id",
        world.next(NAME, "PN", day),
        "penalty_offence",
        world.pick(world.profile.label("penalty_offence")),
        "offence_date",
        offence,
        "issued_date",
        day.plusDays(world.random.nextInt(20)),
        "issuing_service",
        world.pick(world.profile.label("issuing_service")),
        "amount",
        (double) (50 + 10 * world.random.nextInt(20)),
        "vrm",
        vrm,
        SourceWriter.IDENTITY,
        vehicle.get("vrm"));
  }
}
