package org.bluelamp.synth;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The identity document a force's people produce when asked (one per person: the number a check
 * reads) and which of its systems record it, how often.
 *
 * @param issuer the number of a person's document, from their true name and date of birth
 * @param recorded per record stream of {@link ForceWorld} ({@code stop}, {@code custody}, {@code
 *     person}), the share of its records that write the number
 * @param compulsory whether the country's people must carry the document (an identity card): an
 *     identity check then always writes the date of birth, from the card or, without it, as
 *     declared (the officer establishes the identity before letting the person go)
 */
record IdDocuments(Issuer issuer, Map<String, Double> recorded, boolean compulsory) {

  /** Issues the number of one person's document; {@code random} draws what is not derived. */
  interface Issuer {
    String issue(String forename, String surname, LocalDate dob, SplittableRandom random);
  }

  /**
   * England: the driving licence (four adults in five hold one), else the passport. Stop and search
   * records the licence a stopped driver produces (one stop in two), custody the document the
   * detainee is booked in with (seven in ten), crime records the nominal's now and then.
   */
  static IdDocuments england() {
    return new IdDocuments(
        (forename, surname, dob, random) ->
            random.nextDouble() < 0.8
                ? drivingLicence(forename, surname, dob, random)
                : String.format(Locale.ROOT, "%09d", random.nextInt(1_000_000_000)),
        Map.of("stop", 0.5, "custody", 0.7, "person", 0.3),
        false);
  }

  /**
   * Belgium: the national register number, read from the identity card (compulsory from the age of
   * 12) at 19 controls in 20 (the others write the name and date of birth only).
   */
  static IdDocuments belgium() {
    return new IdDocuments(
        (forename, surname, dob, random) -> nationalRegister(dob, 1 + random.nextInt(997)),
        Map.of("stop", 0.95),
        true);
  }

  /**
   * Lebanon: the identity card's number (the card is compulsory), taken at checkpoints (nine checks
   * in ten; the others write the name and date of birth) and for half of the persons of a crime
   * file.
   */
  static IdDocuments lebanon() {
    return new IdDocuments(
        (forename, surname, dob, random) ->
            String.format(
                Locale.ROOT, "%06d%06d", random.nextInt(1_000_000), random.nextInt(1_000_000)),
        Map.of("stop", 0.9, "person", 0.5),
        true);
  }

  /**
   * A GB driving licence number (DVLA): the surname's first five letters (padded with 9), the
   * decade of birth, month and day, the year's last digit, the forename's initial and 9 (no middle
   * name), then a digit and two check letters the DVLA assigns (drawn here). The month carries no
   * +5 for women: the sample people have no sex.
   */
  static String drivingLicence(
      String forename, String surname, LocalDate dob, SplittableRandom random) {
    String letters = surname.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    String start = (letters + "99999").substring(0, 5);
    int year = dob.getYear() % 100;
    return String.format(
        Locale.ROOT,
        "%s%d%02d%02d%d%s9%d%c%c",
        start,
        year / 10,
        dob.getMonthValue(),
        dob.getDayOfMonth(),
        year % 10,
        forename.toUpperCase(Locale.ROOT).charAt(0),
        random.nextInt(10),
        (char) ('A' + random.nextInt(26)),
        (char) ('A' + random.nextInt(26)));
  }

  /**
   * A Belgian national register number {@code YY.MM.DD-NNN.CC}: date of birth, the serial number
   * and the check 97 - (YYMMDDNNN mod 97), with a 2 put before the nine digits for people born from
   * 2000.
   */
  static String nationalRegister(LocalDate dob, int serial) {
    long body =
        (dob.getYear() % 100) * 10_000_000L
            + dob.getMonthValue() * 100_000L
            + dob.getDayOfMonth() * 1_000L
            + serial;
    long checked = dob.getYear() >= 2000 ? 2_000_000_000L + body : body;
    return String.format(
        Locale.ROOT,
        "%02d.%02d.%02d-%03d.%02d",
        dob.getYear() % 100,
        dob.getMonthValue(),
        dob.getDayOfMonth(),
        serial,
        97 - checked % 97);
  }
}
