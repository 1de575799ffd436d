package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.bluelamp.synth.People.Identity;

/** Stops and searches (a vehicle stop finds the keeper driving seven times in ten). */
final class StopStream implements RecordStream {
  @Override
  public String name() {
    return "stop";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    LocalDate day = draw.day();
    ZonedDateTime at = draw.at();
    double[] xy = draw.xy();
    Identity person = draw.person();
    Map<String, Object> vehicle = draw.vehicle();
    String vrm = draw.vrm();
    List<String> onDuty = draw.onDuty();

    Map<String, Object> r = world.people.record(person, world.random);
    r.put("id_document", world.people.document(person, "stop"));
    String type = world.pick(world.profile.label("stop_type"));
    r.putAll(
        rec(
            "stop_id",
            world.next(name(), "STP", day),
            "stop_type",
            type,
            "stopped_at",
            at,
            "grounds",
            world.pick(world.profile.label("grounds")),
            "object_of_search",
            world.pick(world.profile.label("object")),
            "outcome",
            world.pick(world.profile.label("stop_outcome")),
            "officer_id",
            onDuty.get(world.random.nextInt(onDuty.size())),
            "vrm",
            vrm,
            "easting",
            xy[0],
            "northing",
            xy[1]));
    if (type.equals(world.profile.label("vehicle_stop_type").get(0))) {
      Map<String, Object> driver = world.driver(vehicle, (String) r.get("stop_id"));
      r.putAll(driver);
      if (!driver.isEmpty()) {
        person = world.people.identity((String) driver.get(SourceWriter.IDENTITY));
      }
    }
    return world.people.checked(person, r);
  }
}
