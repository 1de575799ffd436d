package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.util.Map;

/** Penalty notices, issued up to twenty days after the offence. */
final class PenaltyNoticeStream implements RecordStream {
  @Override
  public String name() {
    return "penalty_notice";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    LocalDate day = draw.day();
    Map<String, Object> vehicle = draw.vehicle();
    String vrm = draw.vrm();

    LocalDate offence = day.minusDays(world.random.nextInt(3));
    return rec(
        "notice_id",
        world.next(name(), "PN", day),
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
