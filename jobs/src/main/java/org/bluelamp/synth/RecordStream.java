package org.bluelamp.synth;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
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

  /** A record for {@code draw}'s day; null when none is recorded (a collision prevented). */
  Map<String, Object> draw(Draw draw);

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
  static Map<String, RecordStream> all(ForceWorld world) {
    return java.util.stream.Stream.of(
            new StopStream(world),
            new IntelligenceStream(world),
            new AnprStream(world),
            new CollisionStream(world),
            new SpeedTicketStream(world),
            new PenaltyNoticeStream(world),
            new PropertyStream(world),
            new MissingPersonStream(world),
            new SafeguardingStream(world),
            new AsbStream(world),
            new WasteStream(world),
            new FraudStream(world))
        .collect(java.util.stream.Collectors.toMap(RecordStream::name, stream -> stream));
  }
}
