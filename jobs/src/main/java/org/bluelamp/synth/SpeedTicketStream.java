package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;

/** Speed-camera detections of eight sites. */
final class SpeedTicketStream implements RecordStream {
  @Override
  public String name() {
    return "speed_ticket";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    LocalDate day = draw.day();
    ZonedDateTime at = draw.at();
    Map<String, Object> vehicle = draw.vehicle();
    String vrm = draw.vrm();
    return rec(
        "ticket_id",
        world.next(name(), "TKT", day),
        "site_id",
        world.id("RAD", 1 + world.random.nextInt(8)),
        "vrm",
        vrm,
        "detected_at",
        at,
        "speed_kmh",
        (long) (55 + world.random.nextInt(40)),
        "limit_kmh",
        50L,
        SourceWriter.IDENTITY,
        vehicle.get("vrm"));
  }
}
