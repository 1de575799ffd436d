package org.bluelamp.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The comparison of two profiles, field by field, as ordered agreement levels (the comparison
 * vector of Fellegi and Sunter): the higher the level, the closer the values; {@link #MISSING}
 * where either side lacks the field, which then counts neither for nor against a match.
 */
public final class Comparison {
  /** Either side lacks the field. */
  public static final int MISSING = -1;

  /** Jaro-Winkler similarity from which two spellings count as a typo of each other. */
  static final double CLOSE = 0.88;

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  /** The compared fields and the names of their levels, lowest (disagreement) first. */
  public enum Field {
    FORENAME("differs", "similar", "nickname or phonetic", "exact"),
    SURNAME("differs", "similar", "phonetic", "exact"),
    NAME_AR("differs", "transliteration", "exact"),
    DOB("differs", "same year", "day and month swapped", "exact"),
    ADDRESS("differs", "same number and street", "exact"),
    PHONE("differs", "exact"),
    DOCUMENT("differs", "one slip", "exact"),
    VEHICLE("other", "same");

    private final List<String> levels;

    Field(String... levels) {
      this.levels = List.of(levels);
    }

    /** Levels of agreement, 0 (disagreement) to {@code levels() - 1} (exact). */
    public int levels() {
      return levels.size();
    }

    public String label(int level) {
      return level == MISSING ? "missing" : levels.get(level);
    }

    public String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Field[] FIELDS = Field.values();

  private Comparison() {}

  /**
   * The level of every field, in {@link Field} order. When both profiles carry the name in Arabic
   * script, their Latin forename and surname are transliterations of it and count as missing: the
   * one name counted in two scripts would weigh twice (at --scale 1 two Lebanese men of one name
   * and address, born on other days, reached +5 bits on the name counted twice and were merged).
   */
  public static int[] levels(Profile a, Profile b) {
    boolean arabicOnBoth = a.arabic() != null && b.arabic() != null;
    return new int[] {
      arabicOnBoth ? MISSING : forename(a, b),
      arabicOnBoth ? MISSING : surname(a, b),
      arabic(a, b),
      dob(a, b),
      address(a, b),
      phone(a, b),
      document(a, b),
      vehicle(a, b)
    };
  }

  /** The name fields (forename, surname, Arabic-script name), as a mask over {@link Field}. */
  public static boolean[] names() {
    boolean[] names = new boolean[FIELDS.length];
    names[Field.FORENAME.ordinal()] = true;
    names[Field.SURNAME.ordinal()] = true;
    names[Field.NAME_AR.ordinal()] = true;
    return names;
  }

  /** One number for a comparison vector: the levels (+1) as digits of base 5. */
  public static int encode(int[] levels) {
    int code = 0;
    for (int i = FIELDS.length - 1; i >= 0; i--) {
      code = code * 5 + levels[i] + 1;
    }
    return code;
  }

  public static int[] decode(int code) {
    int[] levels = new int[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      levels[i] = code % 5 - 1;
      code /= 5;
    }
    return levels;
  }

  /** The levels in words, e.g. {@code forename=nickname or phonetic; dob=exact; phone=missing}. */
  public static String explain(int[] levels) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < FIELDS.length; i++) {
      parts.add(FIELDS[i].column() + "=" + FIELDS[i].label(levels[i]));
    }
    return String.join("; ", parts);
  }

  static int forename(Profile a, Profile b) {
    if (a.forename() == null || b.forename() == null) {
      return MISSING;
    }
    if (a.forename().equals(b.forename())) {
      return 3;
    }
    if (a.forenameFormal().equals(b.forenameFormal())
        || Objects.equals(a.forenameCode(), b.forenameCode())) {
      return 2;
    }
    return close(a.forenameFormal(), b.forenameFormal()) ? 1 : 0;
  }

  static int surname(Profile a, Profile b) {
    if (a.surname() == null || b.surname() == null) {
      return MISSING;
    }
    if (a.surname().equals(b.surname())) {
      return 3;
    }
    if (Objects.equals(a.surnameCode(), b.surnameCode())
        || Objects.equals(a.surnameSkeleton(), b.surnameSkeleton())) {
      return 2;
    }
    return close(a.surname(), b.surname()) ? 1 : 0;
  }

  /**
   * Both written in Arabic script: exact, or the same consonants. One side only in Latin letters:
   * its skeleton against the Arabic side's transliteration.
   */
  static int arabic(Profile a, Profile b) {
    if (a.arabic() != null && b.arabic() != null) {
      if (a.arabic().equals(b.arabic())) {
        return 2;
      }
      return Objects.equals(a.arabicSkeleton(), b.arabicSkeleton()) ? 1 : 0;
    }
    Profile script = a.arabic() != null ? a : b;
    Profile latin = script == a ? b : a;
    if (script.arabic() == null || latin.skeleton() == null) {
      return MISSING;
    }
    return script.arabicSkeleton().equals(latin.skeleton()) ? 1 : 0;
  }

  static int dob(Profile a, Profile b) {
    if (a.dob() == null || b.dob() == null) {
      return MISSING;
    }
    if (a.dob().equals(b.dob())) {
      return 3;
    }
    if (a.dob().getYear() == b.dob().getYear()
        && a.dob().getMonthValue() == b.dob().getDayOfMonth()
        && a.dob().getDayOfMonth() == b.dob().getMonthValue()) {
      return 2;
    }
    return a.dob().getYear() == b.dob().getYear() ? 1 : 0;
  }

  /** Exact; or a number (house, flat) and at least half the words of the shorter in common. */
  static int address(Profile a, Profile b) {
    if (a.address() == null || b.address() == null) {
      return MISSING;
    }
    if (a.address().equals(b.address())) {
      return 2;
    }
    List<String> wordsA = List.of(a.address().split(" "));
    List<String> wordsB = List.of(b.address().split(" "));
    List<String> common = wordsA.stream().distinct().filter(wordsB::contains).toList();
    boolean sameNumber = common.stream().anyMatch(word -> word.matches("\\d+"));
    int fewer = Math.min(wordsA.size(), wordsB.size());
    return sameNumber && common.size() * 2 >= fewer ? 1 : 0;
  }

  static int phone(Profile a, Profile b) {
    if (a.phone() == null || b.phone() == null) {
      return MISSING;
    }
    return a.phone().equals(b.phone()) ? 1 : 0;
  }

  /**
   * Exact; or one slip of the pen: one character other, or two neighbouring characters swapped (a
   * number read off a card and typed); two people's numbers differ in more. Numbers of different
   * lengths are two kinds of document (a passport's nine digits, a driving licence's sixteen
   * characters) that one person may both hold: missing, not a disagreement.
   */
  static int document(Profile a, Profile b) {
    if (a.document() == null
        || b.document() == null
        || a.document().length() != b.document().length()) {
      return MISSING;
    }
    if (a.document().equals(b.document())) {
      return 2;
    }
    return oneSlip(a.document(), b.document()) ? 1 : 0;
  }

  /**
   * The same registration kept or driven, or another: weak against a match (people drive more than
   * one vehicle, and most records of a person name none), strong for it.
   */
  static int vehicle(Profile a, Profile b) {
    if (a.vehicle() == null || b.vehicle() == null) {
      return MISSING;
    }
    return a.vehicle().equals(b.vehicle()) ? 1 : 0;
  }

  private static boolean oneSlip(String a, String b) {
    int first = -1;
    int differing = 0;
    for (int i = 0; i < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i)) {
        first = differing++ == 0 ? i : first;
      }
    }
    return differing == 1
        || (differing == 2
            && first + 1 < a.length()
            && a.charAt(first) == b.charAt(first + 1)
            && a.charAt(first + 1) == b.charAt(first));
  }

  private static boolean close(String a, String b) {
    return JARO_WINKLER.apply(a, b) >= CLOSE;
  }
}
