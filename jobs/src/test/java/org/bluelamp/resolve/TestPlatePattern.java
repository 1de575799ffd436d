package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bluelamp.BluelampException;
import org.junit.jupiter.api.Test;

class TestPlatePattern {
  private static final Registrations BRITISH = new Registrations(List.of("LLDD LLL"));
  private static final Registrations BELGIAN = new Registrations(List.of("D-LLL-DDD"));
  private static final Registrations LEBANESE = new Registrations(List.of("L DDDDDD"));
  private static final List<Registrations> COUNTRIES = List.of(BRITISH, BELGIAN, LEBANESE);

  private static List<String> patterns(PlatePattern pattern) {
    return pattern.variants().stream().map(PlatePattern.Variant::pattern).toList();
  }

  /**
   * Worked by hand against the three formats: "ab1? ?ce" fits the British slots as typed, the
   * Belgian format wants a digit first (A has none it is confused with), the Lebanese one wants
   * digits after the letter (C has none). So one variant, its trigrams ^AB, AB1 and CE$.
   */
  @Test
  void aWitnessesPartialPlateIsItsKnownCharactersAndWildcards() {
    PlatePattern pattern = PlatePattern.of("ab1? ?ce", COUNTRIES);
    assertThat(patterns(pattern)).containsExactly("AB1??CE");
    PlatePattern.Variant variant = pattern.variants().get(0);
    assertThat(variant.regex()).isEqualTo("^AB1..CE$");
    assertThat(variant.grams()).containsExactly("AB1", "CE$", "^AB");
  }

  /**
   * A 0 typed where the British format has a letter is also read as the O it is confused with: two
   * variants, the pattern as typed (a plate of no format) and the British reading.
   */
  @Test
  void aMisreadAtTheStartOrEndIsReadAsTheFormatReadsIt() {
    assertThat(patterns(PlatePattern.of("AB12 C0?", COUNTRIES)))
        .containsExactly("AB12C0?", "AB12CO?");
    // Anchored at the end: the last three slots of "LLDD LLL" are letters.
    assertThat(patterns(PlatePattern.of("*C0E", List.of(BRITISH)))).containsExactly("*C0E", "*COE");
    // Between two wildcards a character may be anywhere: kept as typed.
    assertThat(patterns(PlatePattern.of("A*8CD*", List.of(BRITISH)))).containsExactly("A*8CD*");
    // Belgian: a letter I where the first slot is a digit is the 1.
    assertThat(patterns(PlatePattern.of("I-ABC-*", List.of(BELGIAN))))
        .containsExactly("IABC*", "1ABC*");
  }

  @Test
  void separatorsCaseAndRunsOfStarsDoNotMatter() {
    assertThat(PlatePattern.compact(" ab-1.2 ** c?e")).isEqualTo("AB12*C?E");
    assertThat(PlatePattern.isPattern("AB12 CDE")).isFalse();
    assertThat(PlatePattern.isPattern("AB12 CD?")).isTrue();
    assertThat(PlatePattern.isPattern("AB12*")).isTrue();
  }

  @Test
  void tooLittleOrAStrayCharacterIsAnErrorSayingWhatToType() {
    assertThatThrownBy(() -> PlatePattern.of("A*", COUNTRIES))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("too little")
        .hasMessageContaining("three characters in a row");
    assertThatThrownBy(() -> PlatePattern.of("?B?D?", COUNTRIES))
        .hasMessageContaining("too little");
    assertThatThrownBy(() -> PlatePattern.of("AB#1?", COUNTRIES))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("'#'");
  }

  /**
   * The trigrams never lose a match, and a plate is found from any part of it: 3,000 plates of the
   * three formats and of none, 2,000 patterns made from random plates (characters hidden by ?,
   * their start or end replaced by *, sometimes a character typed as the one it is confused with).
   * What the trigram lookup then the regular expression finds equals what the regular expressions
   * alone find over every plate, and the plate the pattern was made from is in it.
   */
  @Test
  void theTrigramsLoseNoPlateAPatternMatches() {
    Random random = new Random(20261204);
    List<String> plates = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      plates.add(plate(random, List.of("LLDDLLL", "DLLLDDD", "LDDDDDD", "LLDL").get(i % 4)));
    }
    Map<String, Set<String>> index = new HashMap<>();
    for (String plate : plates) {
      for (String gram : PlatePattern.grams(plate)) {
        index.computeIfAbsent(gram, g -> new HashSet<>()).add(plate);
      }
    }
    int tried = 0;
    while (tried < 2_000) {
      String source = plates.get(random.nextInt(plates.size()));
      String typed = hidePart(random, source);
      PlatePattern pattern;
      try {
        pattern = PlatePattern.of(typed, COUNTRIES);
      } catch (BluelampException tooLittle) {
        continue;
      }
      tried++;
      Set<String> byIndex = new TreeSet<>();
      Set<String> byRegex = new TreeSet<>();
      for (PlatePattern.Variant variant : pattern.variants()) {
        Pattern regex = Pattern.compile(variant.regex());
        Set<String> candidates = null;
        for (String gram : variant.grams()) {
          Set<String> holding = index.getOrDefault(gram, Set.of());
          candidates = candidates == null ? new HashSet<>(holding) : candidates;
          candidates.retainAll(holding);
        }
        candidates.stream().filter(p -> regex.matcher(p).matches()).forEach(byIndex::add);
        plates.stream().filter(p -> regex.matcher(p).matches()).forEach(byRegex::add);
      }
      assertThat(byIndex).as(typed).isEqualTo(byRegex).contains(source);
    }
  }

  private static String plate(Random random, String slots) {
    StringBuilder plate = new StringBuilder();
    for (char slot : slots.toCharArray()) {
      plate.append(
          slot == 'L' ? (char) ('A' + random.nextInt(26)) : (char) ('0' + random.nextInt(10)));
    }
    return plate.toString();
  }

  /** A witness's view of {@code plate}: some characters unseen, its start or end not at all. */
  private static String hidePart(Random random, String plate) {
    StringBuilder typed = new StringBuilder(plate);
    for (int i = 0; i < typed.length(); i++) {
      if (random.nextDouble() < 0.25) {
        typed.setCharAt(i, '?');
      }
    }
    // The letter O typed as the digit 0 where the plate's format reads it back: the first slot
    // of the British and Lebanese formats is a letter.
    if (random.nextDouble() < 0.2 && plate.length() == 7 && typed.charAt(0) == 'O') {
      typed.setCharAt(0, '0');
    }
    String shown = typed.toString();
    return switch (random.nextInt(4)) {
      case 0 -> "*" + shown.substring(1 + random.nextInt(shown.length() - 1));
      case 1 -> shown.substring(0, 1 + random.nextInt(shown.length() - 1)) + "*";
      default -> shown.toLowerCase(java.util.Locale.ROOT);
    };
  }
}
