package org.bluelamp.resolve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bluelamp.Errors;

/**
 * A registration partly known, as a witness gives it: its letters and digits where they are known,
 * {@code ?} for one character not seen, {@code *} for any run of them ("AB1? ?CE", "AB12*",
 * "*CDE"); case, spaces, hyphens and dots do not matter. It is read as the resolution reads a
 * recorded registration ({@link Registrations#readPattern}): in each format of each country its
 * length allows, a character of the wrong class at the start or end of the plate is read as the one
 * cameras and typists confuse it with. Each reading, and the pattern as typed (for plates that fit
 * no format), is a {@link Variant}; a plate matches when one variant does.
 *
 * <p>A variant is looked up in {@code gold.vehicle_search} by its trigrams: the runs of known
 * characters of {@code ^pattern$} ({@code ^} and {@code $} mark the plate's start and end), cut
 * into every three characters in a row. A plate holding the variant holds all its trigrams, so the
 * trigrams never lose a match; the regular expression then keeps the plates that match.
 *
 * @param typed the pattern as typed
 * @param variants its readings, the pattern as typed first
 */
public record PlatePattern(String typed, List<Variant> variants) {
  /** The marks of a plate's start and end in {@code gold.vehicle_search}'s trigrams. */
  public static final char START = '^';

  public static final char END = '$';

  /**
   * One reading: {@code pattern} (letters, digits, {@code ?} and {@code *}), the {@code regex} a
   * search key must match whole, and its {@code grams}.
   */
  public record Variant(String pattern, String regex, SortedSet<String> grams) {}

  public PlatePattern {
    variants = List.copyOf(variants);
  }

  /** Whether {@code typed} is a pattern (holds {@code ?} or {@code *}) rather than a plate. */
  public static boolean isPattern(String typed) {
    return typed.indexOf('?') >= 0 || typed.indexOf('*') >= 0;
  }

  /**
   * {@code typed} read under the formats of {@code countries}. A character that is neither a
   * letter, a digit, a wildcard nor a separator, or a pattern with no three characters in a row to
   * look up (the start or end of the plate counts as one), is an error saying what to type.
   */
  public static PlatePattern of(String typed, Collection<Registrations> countries) {
    String pattern = compact(typed);
    if (grams(pattern).isEmpty()) {
      throw Errors.usage(
          "'" + typed + "' gives too little of the registration to search on",
          "give at least three characters in a row, or two at its start or end"
              + " (AB1?*, *CDE, ?B12C?E): ? is one unseen character, * any number");
    }
    Set<String> readings = new LinkedHashSet<>();
    readings.add(pattern);
    countries.forEach(country -> readings.addAll(country.readPattern(pattern)));
    List<Variant> variants = new ArrayList<>();
    for (String reading : readings) {
      variants.add(new Variant(reading, regex(reading), grams(reading)));
    }
    return new PlatePattern(typed, variants);
  }

  /** The typed pattern's letters and digits upper case with its wildcards, runs of * as one. */
  static String compact(String typed) {
    StringBuilder out = new StringBuilder(typed.length());
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      char plate = Registrations.plateCharacter(c);
      if (plate != 0) {
        out.append(plate);
      } else if (c == '?' || (c == '*' && (out.isEmpty() || out.charAt(out.length() - 1) != '*'))) {
        out.append(c);
      } else if (c != '*' && c != ' ' && c != '-' && c != '.') {
        throw Errors.usage(
            "'" + typed + "' holds '" + c + "', which is not part of a registration",
            "type letters and digits, ? for a character not seen and * for any number of them");
      }
    }
    return out.toString();
  }

  /** Every three characters in a row of {@code ^pattern$} that hold no wildcard. */
  static SortedSet<String> grams(String pattern) {
    String marked = START + pattern + END;
    SortedSet<String> grams = new TreeSet<>();
    for (int i = 0; i + 3 <= marked.length(); i++) {
      String gram = marked.substring(i, i + 3);
      if (gram.indexOf('?') < 0 && gram.indexOf('*') < 0) {
        grams.add(gram);
      }
    }
    return grams;
  }

  /** The regular expression a whole search key matches: ? any one character, * any run. */
  static String regex(String pattern) {
    return "^" + pattern.replace("?", ".").replace("*", ".*") + "$";
  }
}
