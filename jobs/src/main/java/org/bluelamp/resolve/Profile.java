package org.bluelamp.resolve;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A person as one or more records describe them, identically once normalised: the unit the linkage
 * compares (the records of a frequent offender repeat the same details hundreds of times; they are
 * compared once). Every field may be null.
 *
 * @param forename normalised forename ({@link Names#normalise})
 * @param forenameFormal its formal form ({@link Names#canonical})
 * @param forenameCode Double Metaphone of the formal form
 * @param surname normalised surname
 * @param surnameCode Double Metaphone of the surname
 * @param surnameSkeleton consonant skeleton of the surname ({@link Names#skeleton})
 * @param skeleton consonant skeletons of the formal forename and the surname, one after the other
 * @param arabic the Arabic-script name, normalised ({@link Names#normaliseArabic})
 * @param arabicSkeleton its consonants in Latin letters ({@link Names#arabicSkeleton})
 * @param dob date of birth
 * @param address normalised address ({@link #address(String)})
 * @param phone the last nine digits of the phone number
 * @param document the number of an identity document, upper case, letters and digits only
 * @param vehicle the registration of the vehicle the person kept or drove, upper case, letters and
 *     digits only
 */
public record Profile(
    String forename,
    String forenameFormal,
    String forenameCode,
    String surname,
    String surnameCode,
    String surnameSkeleton,
    String skeleton,
    String arabic,
    String arabicSkeleton,
    LocalDate dob,
    String address,
    String phone,
    String document,
    String vehicle)
    implements Serializable {

  /** A profile from the details as recorded. */
  public static Profile of(
      Names names,
      String forename,
      String surname,
      String arabic,
      LocalDate dob,
      String address,
      String phone,
      String document,
      String vehicle) {
    String fore = Names.normalise(forename);
    String formal = names.canonical(fore);
    String sur = Names.normalise(surname);
    String surnameSkeleton = Names.skeleton(sur);
    String latin = joined(Names.skeleton(formal), surnameSkeleton);
    String ar = Names.normaliseArabic(arabic);
    return new Profile(
        fore,
        formal,
        Names.phonetic(formal),
        sur,
        Names.phonetic(sur),
        surnameSkeleton,
        latin,
        ar,
        Names.arabicSkeleton(arabic),
        dob,
        address(address),
        phone(phone),
        document(document),
        registration(vehicle));
  }

  /** Lower case, letters and digits, one space between words; null when blank. */
  static String address(String text) {
    if (text == null) {
      return null;
    }
    String normalised =
        text.toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N}]+", " ")
            .replaceAll("\\bstreet\\b", "st")
            .replaceAll("\\broad\\b", "rd")
            .replaceAll("\\b(avenue|ave)\\b", "av")
            .strip();
    return normalised.isEmpty() ? null : normalised;
  }

  /** The last nine digits (country code and trunk prefix dropped); null with fewer than six. */
  static String phone(String text) {
    if (text == null) {
      return null;
    }
    String digits = text.replaceAll("\\D", "");
    if (digits.length() < 6) {
      return null;
    }
    return digits.length() > 9 ? digits.substring(digits.length() - 9) : digits;
  }

  /**
   * Upper case, letters and digits only ({@code 85.07.30-033.28} is {@code 85073003328}); null with
   * fewer than six: no document numbers that short.
   */
  static String document(String text) {
    String number = lettersAndDigits(text);
    return number.length() < 6 ? null : number;
  }

  /** Upper case, letters and digits only ({@code ab12-cde} is {@code AB12CDE}); null when none. */
  static String registration(String text) {
    String plate = lettersAndDigits(text);
    return plate.isEmpty() ? null : plate;
  }

  private static String lettersAndDigits(String text) {
    return text == null ? "" : text.toUpperCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]", "");
  }

  private static String joined(String first, String second) {
    if (first == null || second == null) {
      return second == null ? first : second;
    }
    return first + second;
  }
}
