package org.bluelamp.synth;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bluelamp.synth.People.Identity;

/**
 * One kind of record the sample world draws on its own, not as a consequence of a call: stops,
 * intelligence, ANPR reads, collisions, tickets, notices, property, missing persons, safeguarding
 * links and partner reports. {@link ForceWorld} draws what every kind shares (the moment, a place,
 * a person, a vehicle) and hands it to the stream named by the force's profile, in the order of the
 * world's single random sequence, so a world is the same for a seed whichever class draws it.
 */
interface RecordStream {
  /** The stream's name, as {@link ForceProfile#systems()} maps source systems to it. */
  String name();

  /**
   * A record for {@code draw}'s day, drawn from {@code world}'s random sequence and people; null
   * when none is recorded (a collision prevented).
   */
  Map<String, Object> draw(ForceWorld world, Draw draw);

  /**
   * A record of this stream at the drawn point: its id (the prefix, the day and a number), the
   * drawn moment in {@code timeColumn}, then {@code columns} (names and values, as {@link
   * ForceWorld#rec}), then the point's {@code easting} and {@code northing}.
   */
  default Map<String, Object> located(
      ForceWorld world,
      Draw draw,
      String idColumn,
      String prefix,
      String timeColumn,
      Object... columns) {
    Map<String, Object> record =
        ForceWorld.rec(idColumn, world.next(name(), prefix, draw.day()), timeColumn, draw.at());
    record.putAll(ForceWorld.rec(columns));
    record.put("easting", draw.xy()[0]);
    record.put("northing", draw.xy()[1]);
    return record;
  }

  /**
   * What the world drew for the record: its day and moment, a point, a person (of the people this
   * stream meets), a vehicle and its registration as written, and the officers on duty.
   */
  record Draw(
      LocalDate day,
      ZonedDateTime at,
      double[] xy,
      Identity person,
      Map<String, Object> vehicle,
      String vrm,
      List<String> onDuty) {}

  /** Every kind, by name. */
  static Map<String, RecordStream> all() {
    return Stream.of(
            new StopStream(),
            new IntelligenceStream(),
            new AnprStream(),
            new CollisionStream(),
            new SpeedTicketStream(),
            new PenaltyNoticeStream(),
            new PropertyStream(),
            new MissingPersonStream(),
            new SafeguardingStream(),
            new AsbStream(),
            new WasteStream(),
            new FraudStream())
        .collect(Collectors.toMap(RecordStream::name, stream -> stream));
  }
}
