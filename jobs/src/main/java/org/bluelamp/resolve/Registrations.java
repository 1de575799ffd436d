package org.bluelamp.resolve;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Vehicle registrations as systems write them, brought to one form per country. A registration is
 * reduced to its letters and digits (upper case, Arabic-Indic digits as 0-9: "ab12 cde", "AB12CDE"
 * and "AB12-CDE" are one plate); where it has the length of one of the country's formats, a
 * character of the wrong class is read as the one a camera or a typist confuses it with (a digit 0
 * where the format has a letter is an O, a letter O where it has a digit is a 0), and the plate is
 * written in the format's display form ("AB12 CDE"). A registration that fits no format (a foreign
 * or personalised plate) keeps its letters and digits as they are.
 */
public final class Registrations implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The letter a digit is misread for, where the format wants a letter. */
  private static final Map<Character, Character> LETTER_FOR_DIGIT =
      Map.of('0', 'O', '1', 'I', '2', 'Z', '5', 'S', '6', 'G', '8', 'B');

  /** The digit a letter is misread for, where the format wants a digit. */
  private static final Map<Character, Character> DIGIT_FOR_LETTER =
      Map.of(
          'O', '0', 'Q', '0', 'D', '0', 'I', '1', 'L', '1', 'Z', '2', 'S', '5', 'G', '6', 'B', '8');

  /**
   * One registration read: {@code vrm} in the display form, {@code key} its letters and digits (the
   * search key), {@code correction} what was changed to fit the format ("0->O at 3"; null when
   * nothing), {@code formatted} whether it fits one of the country's formats.
   */
  public record Plate(String vrm, String key, String correction, boolean formatted) {}

  private final List<String> formats;

  /**
   * {@code formats}: the display forms of a country's registrations, {@code L} a letter, {@code D}
   * a digit, a space or hyphen written as it is ("LLDD LLL" for a current British plate).
   */
  public Registrations(List<String> formats) {
    for (String format : formats) {
      if (!format.matches("[LD][LD -]*[LD]")) {
        throw new IllegalArgumentException(
            "'"
                + format
                + "' is not a registration format: use L for a letter, D for a digit, spaces and"
                + " hyphens between them (e.g. LLDD LLL)");
      }
    }
    this.formats = List.copyOf(formats);
  }

  /** The plate {@code written} stands for; null when it holds no letter or digit. */
  public Plate read(String written) {
    if (written == null) {
      return null;
    }
    String key = compact(written);
    if (key.isEmpty()) {
      return null;
    }
    Plate best = null;
    int fewest = Integer.MAX_VALUE;
    for (String format : formats) {
      List<String> changes = new ArrayList<>();
      String fitted = fit(key, format, changes);
      if (fitted != null && changes.size() < fewest) {
        fewest = changes.size();
        String correction = changes.isEmpty() ? null : String.join(", ", changes);
        best = new Plate(display(fitted, format), fitted, correction, true);
      }
    }
    return best != null ? best : new Plate(key, key, null, false);
  }

  /** Letters and digits only, upper case, Arabic-Indic and Eastern Arabic digits as 0-9. */
  static String compact(String written) {
    StringBuilder out = new StringBuilder(written.length());
    for (int i = 0; i < written.length(); i++) {
      char c = plateCharacter(written.charAt(i));
      if (c != 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A letter or digit of a plate as its key writes it (upper case, Arabic-Indic and Eastern Arabic
   * digits as 0-9), or 0 for any other character.
   */
  static char plateCharacter(char c) {
    if (c >= '\u0660' && c <= '\u0669') {
      return (char) ('0' + c - '\u0660');
    } else if (c >= '\u06F0' && c <= '\u06F9') {
      return (char) ('0' + c - '\u06F0');
    } else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
      return c;
    } else if (c >= 'a' && c <= 'z') {
      return Character.toUpperCase(c);
    }
    return 0;
  }

  /** {@code key} with each character of the wrong class swapped, or null when it cannot fit. */
  private static String fit(String key, String format, List<String> changes) {
    String slots = slots(format);
    if (slots.length() != key.length()) {
      return null;
    }
    StringBuilder fitted = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      char read = fitted(c, slots.charAt(i));
      if (read == 0) {
        return null;
      }
      if (read != c) {
        changes.add(String.format(Locale.ROOT, "%s->%s at %d", c, read, i + 1));
      }
      fitted.append(read);
    }
    return fitted.toString();
  }

  /** A format's slots: its L and D without the spaces and hyphens. */
  private static String slots(String format) {
    return format.replace(" ", "").replace("-", "");
  }

  /**
   * {@code c} read for a slot ({@code L} or {@code D}): itself when of the slot's class, else the
   * character it is confused with, else 0 (it cannot be in that slot).
   */
  private static char fitted(char c, char slot) {
    boolean wantsLetter = slot == 'L';
    boolean isLetter = c >= 'A' && c <= 'Z';
    if (wantsLetter == isLetter) {
      return c;
    }
    Character swapped = wantsLetter ? LETTER_FOR_DIGIT.get(c) : DIGIT_FOR_LETTER.get(c);
    return swapped == null ? 0 : swapped;
  }

  /**
   * The readings of a partly known plate ({@link PlatePattern}: letters and digits upper case,
   * {@code ?} one unknown character, {@code *} any run of them) under each format whose length it
   * can have: its characters from the plate's start to the first {@code *}, and from the last
   * {@code *} to its end, fitted to the format's slots as {@link #read} fits a whole plate (a
   * pattern without {@code *} is as long as the format); those between two {@code *} may be
   * anywhere and are kept as typed. A format the pattern cannot fit gives no reading.
   */
  List<String> readPattern(String pattern) {
    List<String> readings = new ArrayList<>();
    String[] segments = pattern.split("\\*", -1);
    int known = pattern.replace("*", "").length();
    for (String format : formats) {
      String slots = slots(format);
      if (segments.length == 1 ? known != slots.length() : known > slots.length()) {
        continue;
      }
      String first = fitAt(segments[0], slots, 0);
      String last =
          segments.length == 1
              ? first
              : fitAt(
                  segments[segments.length - 1],
                  slots,
                  slots.length() - segments[segments.length - 1].length());
      if (first == null || last == null) {
        continue;
      }
      List<String> fitted = new ArrayList<>(List.of(segments));
      fitted.set(0, first);
      fitted.set(segments.length - 1, last);
      readings.add(String.join("*", fitted));
    }
    return readings;
  }

  /** {@code segment} fitted to the slots from {@code offset} ({@code ?} fits any), or null. */
  private static String fitAt(String segment, String slots, int offset) {
    StringBuilder fitted = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      char read = c == '?' ? c : fitted(c, slots.charAt(offset + i));
      if (read == 0) {
        return null;
      }
      fitted.append(read);
    }
    return fitted.toString();
  }

  private static String display(String key, String format) {
    StringBuilder out = new StringBuilder(format.length());
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      char slot = format.charAt(i);
      out.append(slot == 'L' || slot == 'D' ? key.charAt(next++) : slot);
    }
    return out.toString();
  }
}
