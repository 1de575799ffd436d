package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import org.bluelamp.synth.People.Identity;

/** Safeguarding links between a child and an adult. */
final class SafeguardingStream implements RecordStream {
  @Override
  public String name() {
    return "safeguarding";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    LocalDate day = draw.day();
    ZonedDateTime at = draw.at();
    double[] xy = draw.xy();
    Identity person = draw.person();

    Map<String, Object> child = world.people.record(person, world.random);
    Identity adult = world.people.pick(world.random);
    return rec(
        "link_id",
        world.next(name(), "SG", day),
        "child_forename",
        child.get("forename"),
        "child_surname",
        child.get("surname"),
        "child_dob",
        child.get("dob"),
        "adult_forename",
        adult.forename(),
        "adult_surname",
        adult.surname(),
        "category",
        world.pick(world.profile.label("safeguarding")),
        "created_at",
        at,
        "easting",
        xy[0],
        "northing",
        xy[1],
        SourceWriter.IDENTITY,
        person.id());
  }
}
