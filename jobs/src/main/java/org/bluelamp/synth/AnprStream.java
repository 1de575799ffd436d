package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;

/** ANPR reads of twelve street cameras, some misread as a camera misreads. */
final class AnprStream implements RecordStream {
  @Override
  public String name() {
    return "anpr";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    LocalDate day = draw.day();
    ZonedDateTime at = draw.at();
    Map<String, Object> vehicle = draw.vehicle();
    String vrm = draw.vrm();

    int camera = world.random.nextInt(12);
    double[] cameraXy = world.streetPointFor(camera);
    String readId = world.next(name(), "ANPR", day);
    return rec(
        "read_id",
        readId,
        "camera_id",
        world.id("CAM", camera + 1),
        "vrm",
        ForceWorld.misread(vrm, readId),
        "read_at",
        at,
        "easting",
        cameraXy[0],
        "northing",
        cameraXy[1],
        SourceWriter.IDENTITY,
        vehicle.get("vrm"));
  }
}
