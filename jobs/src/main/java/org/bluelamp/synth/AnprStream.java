package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;

/** ANPR reads of twelve street cameras, some misread as a camera misreads. */
final class AnprStream implements RecordStream {
  private static final String NAME = "anpr";

  private final ForceWorld world;

  AnprStream(ForceWorld world) {
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
    Map<String, Object> vehicle = draw.vehicle();
    String vrm = draw.vrm();

    int camera = world.random.nextInt(12);
    double[] cameraXy = world.streetPointFor(camera);
    String readId = world.next(NAME, "ANPR", day);
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
