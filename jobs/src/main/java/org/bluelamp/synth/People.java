package org.bluelamp.synth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

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
      String phone,
      String document) {

    Identity withDocument(String number) {
      return new Identity(id, forename, surname, nameAr, dob, address, oldAddress, phone, number);
    }
  }

  /**
   * Names of one population: Latin spellings, the most frequent first, each with the variants
   * systems write for it; the Arabic-script form of a Latin name where the force writes one; and
   * the spellings of the planted person (forename and surname; none: no planted person).
   */
  record Names(
      List<List<String>> forenames,
      List<List<String>> surnames,
      Map<String, String> arabic,
      List<String[]> planted,
      String phonePrefix) {

    /**
     * The names of {@code synth/names/<force>.csv} (columns kind, name, variants separated by
     * {@code |}, arabic; {@code #} lines are comments). A row of kind {@code planted} gives the
     * planted person's spellings as "forename surname", the first as name, the others as variants.
     */
    static Names load(String force, String phonePrefix) {
      String resource = "/synth/names/" + force + ".csv";
      List<List<String>> forenames = new ArrayList<>();
      List<List<String>> surnames = new ArrayList<>();
      List<String[]> planted = new ArrayList<>();
      Map<String, String> arabic = new LinkedHashMap<>();
      try (InputStream in = People.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("no name list " + resource + " on the class path");
        }
        List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (line.isBlank() || line.startsWith("#") || line.startsWith("kind,")) {
            continue;
          }
          String[] cells = line.split(",", -1);
          if (cells.length != 4 || !List.of("forename", "surname", "planted").contains(cells[0])) {
            throw new IllegalStateException(
                resource
                    + " line "
                    + (i + 1)
                    + ": expected kind (forename, surname or planted),name,variants,arabic, found: "
                    + line);
          }
          List<String> spellings = new ArrayList<>(List.of(cells[1]));
          if (!cells[2].isEmpty()) {
            spellings.addAll(List.of(cells[2].split("\\|")));
          }
          if (cells[0].equals("planted")) {
            spellings.forEach(spelling -> planted.add(spelling.split(" ", 2)));
            continue;
          }
          (cells[0].equals("forename") ? forenames : surnames).add(List.copyOf(spellings));
          if (!cells[3].isEmpty()) {
            arabic.put(cells[1], cells[3]);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
      return new Names(
          List.copyOf(forenames), List.copyOf(surnames), arabic, List.copyOf(planted), phonePrefix);
    }
  }

  /**
   * The systems the planted person is the first person of (as {@link #pick(SplittableRandom,
   * String)} names them): the licensing extract (keeper), the calls (caller), the first offender of
   * a crime (the nominal, arrest and custody records), stop and search and intelligence.
   */
  static final Set<String> PLANTED_IN =
      Set.of("vehicles", "calls", "offender", "stop", "intelligence");

  /**
   * How systems shorten the street types the generator's street names use (written with the
   * abbreviation one address in four; the resolver's own table is {@code street_types} of {@code
   * pipelines/resolve/places.yaml}).
   */
  private static final Map<String, String> STREET_TYPES =
      Map.of(
          "Road", "Rd",
          "Street", "St",
          "Lane", "Ln",
          "Avenue", "Ave",
          "Boulevard", "Bd",
          "Chaussée", "Chée",
          "Place", "Pl");

  private final List<Identity> identities;
  private final Map<String, Identity> byId = new HashMap<>();
  private final Names names;
  private final Map<String, String> addressIds;
  private final Map<String, Set<String>> writtenPlaces = new TreeMap<>();

  /**
   * Draws how each record writes an address: a stream of its own, so that the world's other draws
   * are as they would be without it.
   */
  private final SplittableRandom clerks;

  private final IdDocuments documents;

  /** Draws which records write the identity document, and their slips: a stream of its own. */
  private final SplittableRandom documentClerks;

  private final Set<String> plantedIn = new HashSet<>();
  private int plantedRecords;

  private People(
      List<Identity> identities,
      Names names,
      Map<String, String> addressIds,
      SplittableRandom clerks,
      IdDocuments documents,
      SplittableRandom documentClerks) {
    this.identities = identities;
    identities.forEach(identity -> byId.put(identity.id(), identity));
    this.names = names;
    this.addressIds = addressIds;
    this.clerks = clerks;
    this.documents = documents;
    this.documentClerks = documentClerks;
  }

  /**
   * {@code count} people living at {@code addressIds} (one line of an address to its id in the
   * force's gazetteer), each with an identity document of the force's kind (issued from streams
   * split off after the people are drawn, so that the people are as they were without documents).
   */
  static People create(
      String force,
      Names names,
      IdDocuments documents,
      Map<String, String> addressIds,
      int count,
      SplittableRandom random) {
    List<String> addresses = List.copyOf(addressIds.keySet());
    List<Identity> identities = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> forename = frequent(names.forenames(), random);
      List<String> surname = frequent(names.surnames(), random);
      String arabic =
          names.arabic().isEmpty()
              ? null
              : names.arabic().get(forename.get(0)) + " " + names.arabic().get(surname.get(0));
      LocalDate dob = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
      boolean planted = i == 0 && !names.planted().isEmpty();
      identities.add(
          new Identity(
              String.format(Locale.ROOT, "%s-P%06d", force, i + 1),
              planted ? names.planted().get(0)[0] : forename.get(0),
              planted ? names.planted().get(0)[1] : surname.get(0),
              planted ? null : arabic,
              dob,
              addresses.get(random.nextInt(addresses.size())),
              addresses.get(random.nextInt(addresses.size())),
              names.phonePrefix() + String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000)),
              null));
    }
    SplittableRandom clerks = random.split();
    SplittableRandom issuing = random.split();
    List<Identity> documented =
        identities.stream()
            .map(
                p ->
                    p.withDocument(
                        documents.issuer().issue(p.forename(), p.surname(), p.dob(), issuing)))
            .toList();
    return new People(documented, names, addressIds, clerks, documents, random.split());
  }

  /**
   * One of {@code names}, the first more often than the last as in real populations: the name at
   * rank r (of n) is drawn with probability (r/n)^(2/3) - ((r-1)/n)^(2/3), the first of 90 about 5%
   * of the time.
   */
  private static <T> T frequent(List<T> names, SplittableRandom random) {
    return names.get((int) (names.size() * Math.pow(random.nextDouble(), 1.5)));
  }

  Identity pick(SplittableRandom random) {
    // A few people account for many records (repeat offenders and victims): a skewed pick.
    double u = random.nextDouble();
    return identities.get((int) (identities.size() * u * u));
  }

  /**
   * A person of {@code system}: the planted person if the force has one, {@code system} is one of
   * {@link #PLANTED_IN} and the planted person is not yet in it; otherwise as {@link
   * #pick(SplittableRandom)} (the same draw either way).
   */
  Identity pick(SplittableRandom random, String system) {
    Identity drawn = pick(random);
    return plantedPerson() != null && PLANTED_IN.contains(system) && plantedIn.add(system)
        ? plantedPerson()
        : drawn;
  }

  /**
   * The person planted with several spellings across several systems (the first identity), or null:
   * the force's name list plants no one.
   */
  Identity plantedPerson() {
    return names.planted().isEmpty() ? null : identities.get(0);
  }

  /** The planted person's spellings as "forename surname". */
  List<String> plantedSpellings() {
    return names.planted().stream().map(spelling -> String.join(" ", spelling)).toList();
  }

  /**
   * The person as one system records them: variant spellings (from the name's known variants, or a
   * typo), an upper-cased surname, day and month swapped or no date of birth, an old address. The
   * planted person is recorded with their spellings in turn, and always with their date of birth,
   * address and phone (the draws are made all the same).
   */
  Map<String, Object> record(Identity person, SplittableRandom random) {
    Map<String, Object> record = named(person, random);
    record.put(
        "address",
        written(random.nextDouble() < 0.15 ? person.oldAddress() : person.address(), clerks));
    record.put("phone", random.nextDouble() < 0.2 ? null : person.phone());
    if (person.equals(plantedPerson())) {
      record.put("address", written(person.address(), null));
      record.put("phone", person.phone());
    }
    return record;
  }

  /**
   * The person's names and date of birth as a system records them (as {@link #record}, without an
   * address or phone): what a stop writes of a driver.
   */
  Map<String, Object> named(Identity person, SplittableRandom random) {
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
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("forename", forename);
    record.put("surname", surname);
    record.put("name_ar", person.nameAr());
    record.put("dob", dob);
    record.put(SourceWriter.IDENTITY, person.id());
    if (person.equals(plantedPerson())) {
      String[] spelling = names.planted().get(plantedRecords++ % names.planted().size());
      record.putAll(Map.of("forename", spelling[0], "surname", spelling[1], "dob", person.dob()));
    }
    return record;
  }

  /**
   * {@code record} (of {@code person}) as an identity check writes it: where identity cards are
   * compulsory ({@link IdDocuments#compulsory}) always with a date of birth (as given: it may be
   * swapped), as custody books a detainee in; elsewhere as it is (a stop in England writes what the
   * person chooses to give).
   */
  Map<String, Object> checked(Identity person, Map<String, Object> record) {
    if (documents.compulsory()) {
      record.putIfAbsent("dob", person.dob());
    }
    return record;
  }

  /** The person of an identity id. */
  Identity identity(String id) {
    return byId.get(id);
  }

  /**
   * The person's identity document as a record of {@code stream} writes it, or null: the stream
   * writes none (see {@link IdDocuments#recorded}) or not this time. One number in 50 is typed with
   * two neighbouring characters swapped; a number is written with or without its spaces and dots.
   * The planted person's records write it whenever their stream does.
   */
  String document(Identity person, String stream) {
    double share = documents.recorded().getOrDefault(stream, 0.0);
    boolean recorded = documentClerks.nextDouble() < share;
    boolean slip = documentClerks.nextDouble() < 0.02;
    boolean bare = documentClerks.nextDouble() < 0.5;
    if (share == 0 || !(recorded || person.equals(plantedPerson()))) {
      return null;
    }
    String digits = person.document().replaceAll("[^\\p{Alnum}]", "");
    if (slip && !person.equals(plantedPerson())) {
      return swapped(digits, documentClerks);
    }
    return bare ? digits : person.document();
  }

  /**
   * Every way an address was written (as {@link #record} wrote it) with the ids of the addresses
   * written so: more than one where the locality was left off a number and street that several
   * localities have.
   */
  Map<String, Set<String>> writtenPlaces() {
    return writtenPlaces;
  }

  /**
   * An address as a system writes it ({@code random} null: as it is): the street type shortened
   * ({@code Rd}, one in four), the locality left off (one in ten), two neighbouring characters of
   * the street swapped (one in 25), upper case (one in five), the comma left out (one in seven).
   */
  private String written(String address, SplittableRandom random) {
    String text = address;
    if (random != null) {
      String[] parts = text.split(", ", 2);
      String street = parts[0];
      if (random.nextDouble() < 0.25) {
        for (Map.Entry<String, String> type : STREET_TYPES.entrySet()) {
          street = street.replaceFirst("(?U)\\b" + type.getKey() + "\\b", type.getValue());
        }
      }
      if (random.nextDouble() < 0.04) {
        int number = street.indexOf(' ') + 1;
        street = street.substring(0, number) + swapped(street.substring(number), random);
      }
      text = random.nextDouble() < 0.1 ? street : street + ", " + parts[1];
      if (random.nextDouble() < 0.2) {
        text = text.toUpperCase(Locale.ROOT);
      }
      if (random.nextDouble() < 1.0 / 7) {
        text = text.replace(",", "");
      }
    }
    writtenPlaces.computeIfAbsent(text, t -> new TreeSet<>()).add(addressIds.get(address));
    return text;
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
      return swapped(name, random);
    }
    return name;
  }

  /** {@code text} with two neighbouring letters after the first swapped (a typing slip). */
  private static String swapped(String text, SplittableRandom random) {
    int i = 1 + random.nextInt(text.length() - 2);
    return text.substring(0, i) + text.charAt(i + 1) + text.charAt(i) + text.substring(i + 2);
  }
}
