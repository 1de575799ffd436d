package org.bluelamp.synth;

import static org.bluelamp.synth.ForceWorld.rec;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import org.bluelamp.synth.People.Identity;

/** Fraud referrals with their outcome. */
final class FraudStream implements RecordStream {
  @Override
  public String name() {
    return "fraud";
  }

  @Override
  public Map<String, Object> draw(ForceWorld world, Draw draw) {
    LocalDate day = draw.day();
    ZonedDateTime at = draw.at();
    Identity person = draw.person();

    Map<String, Object> r = world.people.record(person, world.random);
    r.putAll(
        rec(
            "referral_id", world.next(name(), "FR", day),
            "referred_at", at,
            "scheme", world.pick(world.profile.label("scheme")),
            "referral_outcome", world.pick(world.profile.label("referral_outcome"))));
    return r;
  }
}
