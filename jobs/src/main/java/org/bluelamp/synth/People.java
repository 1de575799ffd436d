package org.bluelamp.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The people of a force: true identities (names, date of birth, addresses, phone) and how they come
 * out of the systems that record them: misspelt, transliterated differently, with day and month
 * swapped, without a date of birth, at an old address.
 */
final class People {
  /** A true person; {@code nameAr} is the Arabic-script name where the force writes one. */
  record Identity(
      String id,
      String forename,
      String surname,
      String nameAr,
      LocalDate dob,
      String address,
      String oldAddress,
      String phone) {}

  /** Names of one population: Latin spellings, with the variants systems write for each. */
  record Names(
      List<List<String>> forenames,
      List<List<String>> surnames,
      Map<String, String> arabic,
      String phonePrefix) {}

  private final List<Identity> identities;
  private final Names names;

  private People(List<Identity> identities, Names names) {
    this.identities = identities;
    this.names = names;
  }

  static People create(
      String force, Names names, List<String> addresses, int count, SplittableRandom random) {
    List<Identity> identities = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> forename = names.forenames().get(random.nextInt(names.forenames().size()));
      List<String> surname = names.surnames().get(random.nextInt(names.surnames().size()));
      String arabic =
          names.arabic().isEmpty()
              ? null
              : names.arabic().get(forename.get(0)) + " " + names.arabic().get(surname.get(0));
      LocalDate dob = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
      identities.add(
          new Identity(
              String.format(Locale.ROOT, "%s-P%06d", force, i + 1),
              forename.get(0),
              surname.get(0),
              arabic,
              dob,
              addresses.get(random.nextInt(addresses.size())),
              addresses.get(random.nextInt(addresses.size())),
              names.phonePrefix() + String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000))));
    }
    return new People(List.copyOf(identities), names);
  }

  Identity pick(SplittableRandom random) {
    // A few people account for many records (repeat offenders and victims): a skewed pick.
    double u = random.nextDouble();
    return identities.get((int) (identities.size() * u * u));
  }

  /**
   * The person as one system records them: variant spellings (from the name's known variants, or a
   * typo), an upper-cased surname, day and month swapped or no date of birth, an old address.
   */
  Map<String, Object> record(Identity person, SplittableRandom random) {
    String forename = variant(person.forename(), names.forenames(), random);
    String surname = variant(person.surname(), names.surnames(), random);
    if (random.nextDouble() < 0.3) {
      surname = surname.toUpperCase(Locale.ROOT);
    }
    LocalDate dob = person.dob();
    double u = random.nextDouble();
    if (u < 0.08) {
      dob = null;
    } else if (u < 0.13 && dob.getDayOfMonth() <= 12) {
      dob = LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue());
    }
    Map<String, Object> record = new java.util.LinkedHashMap<>();
    record.put("forename", forename);
    record.put("surname", surname);
    record.put("name_ar", person.nameAr());
    record.put("dob", dob);
    record.put("address", random.nextDouble() < 0.15 ? person.oldAddress() : person.address());
    record.put("phone", random.nextDouble() < 0.2 ? null : person.phone());
    record.put(SourceWriter.IDENTITY, person.id());
    return record;
  }

  private static String variant(String name, List<List<String>> known, SplittableRandom random) {
    double u = random.nextDouble();
    if (u < 0.2) {
      for (List<String> variants : known) {
        if (variants.get(0).equals(name) && variants.size() > 1) {
          return variants.get(1 + random.nextInt(variants.size() - 1));
        }
      }
    }
    if (u > 0.95 && name.length() > 4) {
      int i = 1 + random.nextInt(name.length() - 2);
      return name.substring(0, i) + name.charAt(i + 1) + name.charAt(i) + name.substring(i + 2);
    }
    return name;
  }
}
