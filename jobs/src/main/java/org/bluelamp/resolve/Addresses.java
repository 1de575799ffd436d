package org.bluelamp.resolve;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How addresses are made comparable across systems: a pure function, no Spark. {@link #key} writes
 * an address one way — accents, case and punctuation removed, spacing collapsed, every abbreviated
 * street type written in full ({@code 12 Station Rd, NORTHFIELD} and {@code 12 station road
 * Northfield} are both {@code 12 STATION ROAD NORTHFIELD}); {@link #lineKey} is the key of the
 * first line only (number and street, before the first comma), which an address written without its
 * locality matches. {@link #shortKey} writes every street type shortened instead ({@code 12 STATION
 * RD NORTHFIELD}): a typing slip in a shortened street type ({@code Mill Dr} for {@code Mill Rd},
 * {@code Gree nLn}) is two edits from it, and many more from the type in full.
 */
public final class Addresses implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ALNUM = Pattern.compile("[^A-Z0-9]+");

  private final Map<String, String> streetTypes;

  /**
   * Every street type shortened: a full type to the first abbreviation declared for it ({@code
   * AVENUE} to {@code AVE} where {@code AVE} is declared before {@code AV}). Made once: the keys
   * are written per row.
   */
  private final Map<String, String> shortened = new HashMap<>();

  /**
   * The normalisation of {@code places.yaml}'s street types.
   *
   * @param streetTypes abbreviation to full word, upper case ({@code RD -> ROAD}), in the order of
   *     {@code pipelines/resolve/places.yaml} (the first declared for a type is its short form)
   */
  public Addresses(Map<String, String> streetTypes) {
    this.streetTypes = Map.copyOf(streetTypes);
    streetTypes.forEach((abbreviation, word) -> shortened.putIfAbsent(word, abbreviation));
  }

  /** The address written one way, or null when it has no letter or digit. */
  public String key(String text) {
    if (text == null) {
      return null;
    }
    String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    String spaced = NOT_ALNUM.matcher(plain.toUpperCase(Locale.ROOT)).replaceAll(" ").trim();
    if (spaced.isEmpty()) {
      return null;
    }
    return Arrays.stream(spaced.split(" "))
        .map(word -> streetTypes.getOrDefault(word, word))
        .collect(Collectors.joining(" "));
  }

  /** The key of the address's first line (all of it when it has no comma). */
  public String lineKey(String text) {
    return text == null ? null : key(text.split(",", 2)[0]);
  }

  /** {@link #key} with every street type shortened ({@code ROAD} to {@code RD}). */
  public String shortKey(String key) {
    if (key == null) {
      return null;
    }
    return Arrays.stream(key.split(" "))
        .map(word -> shortened.getOrDefault(word, word))
        .collect(Collectors.joining(" "));
  }
}
