package org.bluelamp.resolve;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * How names are made comparable across systems and scripts: pure functions, no Spark.
 *
 * <ul>
 *   <li>{@link #normalise}: accents, case, punctuation and spacing removed, and the particles that
 *       systems write differently ({@code El Khoury}, {@code Al-Khoury}, {@code Abi Jaoude}, {@code
 *       Nasr Allah}, {@code Van den Bossche}) written one way;
 *   <li>{@link #canonical}: a forename's formal form from the nickname table ({@code Bill} ->
 *       {@code william});
 *   <li>{@link #phonetic}: the Double Metaphone code of a normalised name;
 *   <li>{@link #skeleton}: the consonants of a Latin name and {@link #arabicSkeleton} those of an
 *       Arabic-script name transliterated, so that {@code Mohammad}, {@code Muhammad} and {@code
 *       محمد} meet at {@code mhmd}: the comparison a Latin record and an Arabic-script record can
 *       share.
 * </ul>
 */
public final class Names implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L} ]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern HYPHENS = Pattern.compile("[-_.]");

  /** Leading particles written in several ways, to one spelling; the article is dropped. */
  private static final List<String[]> PARTICLES =
      List.of(
          new String[] {"al ", ""},
          new String[] {"el ", ""},
          new String[] {"abi ", "abou"},
          new String[] {"abu ", "abou"},
          new String[] {"abou ", "abou"});

  /** Arabic letters to Latin consonants; long vowels and hamza carriers are dropped. */
  private static final Map<Character, String> ARABIC =
      Map.ofEntries(
          Map.entry('ب', "b"),
          Map.entry('ت', "t"),
          Map.entry('ث', "th"),
          Map.entry('ج', "j"),
          Map.entry('ح', "h"),
          Map.entry('خ', "kh"),
          Map.entry('د', "d"),
          Map.entry('ذ', "d"),
          Map.entry('ر', "r"),
          Map.entry('ز', "z"),
          Map.entry('س', "s"),
          Map.entry('ش', "sh"),
          Map.entry('ص', "s"),
          Map.entry('ض', "d"),
          Map.entry('ط', "t"),
          Map.entry('ظ', "z"),
          Map.entry('ع', ""),
          Map.entry('غ', "jh"),
          Map.entry('ف', "f"),
          Map.entry('ق', "k"),
          Map.entry('ك', "k"),
          Map.entry('ل', "l"),
          Map.entry('م', "m"),
          Map.entry('ن', "n"),
          Map.entry('ه', "h"),
          Map.entry('ة', ""),
          Map.entry('ا', ""),
          Map.entry('أ', ""),
          Map.entry('إ', ""),
          Map.entry('آ', ""),
          Map.entry('ء', ""),
          Map.entry('ى', ""),
          Map.entry('و', ""),
          Map.entry('ي', ""),
          Map.entry(' ', ""));

  private final Map<String, String> nicknames;

  /** {@code nicknames}: normalised nickname or variant -> normalised formal forename. */
  public Names(Map<String, String> nicknames) {
    this.nicknames = Map.copyOf(nicknames);
  }

  /**
   * Lower case without accents, punctuation or spaces, particles written one way: {@code
   * "Al-Khoury"} and {@code "KHOURY"} give {@code khoury}, {@code "Abi Jaoude"} gives {@code
   * aboujaoude}; null for a blank name.
   */
  public static String normalise(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String text = Normalizer.normalize(name, Normalizer.Form.NFKD);
    text = MARKS.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
    text = HYPHENS.matcher(text).replaceAll(" ");
    text = NOT_LETTER.matcher(text).replaceAll("");
    text = SPACES.matcher(text.strip()).replaceAll(" ") + " ";
    for (String[] particle : PARTICLES) {
      if (text.startsWith(particle[0]) && text.length() > particle[0].length()) {
        text = particle[1] + text.substring(particle[0].length());
        break;
      }
    }
    String result = text.replace(" ", "");
    return result.isEmpty() ? null : result;
  }

  /** The formal forename of a normalised name ({@code bill} -> {@code william}), or the name. */
  public String canonical(String normalised) {
    return normalised == null ? null : nicknames.getOrDefault(normalised, normalised);
  }

  /** The primary Double Metaphone code of a normalised name. */
  public static String phonetic(String normalised) {
    return normalised == null ? null : new DoubleMetaphone().doubleMetaphone(normalised);
  }

  /**
   * The consonants of a normalised Latin name, doubled letters once, a final {@code h} after a
   * vowel dropped ({@code hamadeh}), {@code q} and {@code c} as {@code k}, {@code g} as {@code j}:
   * {@code haddad} -> {@code hd}, {@code mohammad} -> {@code mhmd}.
   */
  public static String skeleton(String normalised) {
    if (normalised == null) {
      return null;
    }
    String text = normalised.replaceAll("([aeiouy])h$", "$1");
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("aeiouyw".indexOf(c) >= 0) {
        continue;
      }
      char letter = c == 'q' || c == 'c' ? 'k' : c == 'g' ? 'j' : c;
      appendOnce(out, String.valueOf(letter));
    }
    return out.isEmpty() ? null : out.toString();
  }

  /**
   * The consonants of an Arabic-script name in the letters {@link #skeleton} uses: {@code حداد} ->
   * {@code hd}, {@code محمد} -> {@code mhmd}; null when it holds no Arabic letter.
   */
  public static String arabicSkeleton(String arabic) {
    if (arabic == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (char c : arabic.toCharArray()) {
      String latin = ARABIC.get(c);
      if (latin != null && !latin.isEmpty()) {
        appendOnce(out, latin);
      }
    }
    return out.isEmpty() ? null : out.toString();
  }

  /** Arabic-script text without spaces, diacritics (harakat) or tatweel; null when blank. */
  public static String normaliseArabic(String arabic) {
    if (arabic == null) {
      return null;
    }
    String text = arabic.replaceAll("[\\u064B-\\u0652\\u0640\\s]", "");
    text = text.replace('أ', 'ا').replace('إ', 'ا').replace('آ', 'ا');
    return text.isEmpty() ? null : text;
  }

  private static void appendOnce(StringBuilder out, String letters) {
    if (out.isEmpty() || !out.substring(out.length() - 1).equals(letters.substring(0, 1))) {
      out.append(letters);
    } else if (letters.length() > 1) {
      out.append(letters, 1, letters.length());
    }
  }
}
