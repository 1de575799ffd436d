package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.bluelamp.resolve.Comparison.Field;
import org.junit.jupiter.api.Test;

class TestComparison {
  private static final Names NAMES = new Names(Map.of("bill", "william"));

  private static Profile person(String forename, String surname, String dob) {
    return Profile.of(
        NAMES,
        forename,
        surname,
        null,
        dob == null ? null : LocalDate.parse(dob),
        null,
        null,
        null,
        null);
  }

  private static int level(Profile a, Profile b, Field field) {
    return Comparison.levels(a, b)[field.ordinal()];
  }

  @Test
  void forenameLevels() {
    Profile william = person("William", "Khan", null);
    assertThat(level(william, person("WILLIAM", "Khan", null), Field.FORENAME)).isEqualTo(3);
    assertThat(level(william, person("Bill", "Khan", null), Field.FORENAME)).isEqualTo(2);
    assertThat(level(william, person("Wiliam", "Khan", null), Field.FORENAME)).isEqualTo(2);
    assertThat(level(william, person("Wlliiam", "Khan", null), Field.FORENAME)).isEqualTo(1);
    assertThat(level(william, person("Olivia", "Khan", null), Field.FORENAME)).isEqualTo(0);
    assertThat(level(william, person(null, "Khan", null), Field.FORENAME))
        .isEqualTo(Comparison.MISSING);
  }

  @Test
  void dateOfBirthLevels() {
    Profile born = person("A", "B", "1980-03-07");
    assertThat(level(born, person("A", "B", "1980-03-07"), Field.DOB)).isEqualTo(3);
    assertThat(level(born, person("A", "B", "1980-07-03"), Field.DOB)).isEqualTo(2);
    assertThat(level(born, person("A", "B", "1980-11-30"), Field.DOB)).isEqualTo(1);
    assertThat(level(born, person("A", "B", "1981-03-07"), Field.DOB)).isEqualTo(0);
    assertThat(level(born, person("A", "B", null), Field.DOB)).isEqualTo(Comparison.MISSING);
  }

  @Test
  void arabicScriptAgainstArabicAndLatin() {
    Profile arabic = Profile.of(NAMES, null, null, "محمد حداد", null, null, null, null, null);
    Profile same =
        Profile.of(NAMES, "Mohammad", "Haddad", "محمد حداد", null, null, null, null, null);
    Profile latin = Profile.of(NAMES, "Muhammad", "Hadad", null, null, null, null, null, null);
    Profile other = Profile.of(NAMES, "Ali", "Saad", "علي سعد", null, null, null, null, null);
    assertThat(level(arabic, same, Field.NAME_AR)).isEqualTo(2);
    assertThat(level(arabic, latin, Field.NAME_AR)).isEqualTo(1);
    assertThat(level(arabic, other, Field.NAME_AR)).isEqualTo(0);
    assertThat(level(latin, person("Ali", "Saad", null), Field.NAME_AR))
        .isEqualTo(Comparison.MISSING);
  }

  @Test
  void theLatinNamesOfTwoArabicScriptNamesAreNotCountedAgain() {
    Profile one =
        Profile.of(NAMES, "Mohammad", "Haddad", "محمد حداد", null, null, null, null, null);
    Profile two =
        Profile.of(NAMES, "Mohammad", "Haddad", "محمد حداد", null, null, null, null, null);
    Profile latin = Profile.of(NAMES, "Mohammad", "Haddad", null, null, null, null, null, null);
    int[] both = Comparison.levels(one, two);
    assertThat(both[Field.NAME_AR.ordinal()]).isEqualTo(2);
    assertThat(both[Field.FORENAME.ordinal()]).isEqualTo(Comparison.MISSING);
    assertThat(both[Field.SURNAME.ordinal()]).isEqualTo(Comparison.MISSING);
    // One side in Latin letters only: its Latin names are the evidence, compared as such.
    assertThat(level(one, latin, Field.FORENAME)).isEqualTo(3);
    assertThat(level(one, latin, Field.SURNAME)).isEqualTo(3);
  }

  @Test
  void addressAndPhoneLevels() {
    Profile home =
        Profile.of(NAMES, "A", "B", null, null, "14 Green Lane", "+44 7700 900123", null, null);
    Profile again =
        Profile.of(NAMES, "A", "B", null, null, "14, GREEN LANE", "07700 900123", null, null);
    Profile flat =
        Profile.of(NAMES, "A", "B", null, null, "Flat 2, 14 Green Lane", null, null, null);
    Profile next =
        Profile.of(NAMES, "A", "B", null, null, "16 Green Lane", "07700 900124", null, null);
    assertThat(level(home, again, Field.ADDRESS)).isEqualTo(2);
    assertThat(level(home, flat, Field.ADDRESS)).isEqualTo(1);
    assertThat(level(home, next, Field.ADDRESS)).isEqualTo(0);
    assertThat(level(home, again, Field.PHONE)).isEqualTo(1);
    assertThat(level(home, next, Field.PHONE)).isEqualTo(0);
    assertThat(level(home, flat, Field.PHONE)).isEqualTo(Comparison.MISSING);
  }

  @Test
  void documentLevels() {
    Profile card = document("85.07.30-033.28");
    assertThat(level(card, document("85073003328"), Field.DOCUMENT))
        .as("dots left out")
        .isEqualTo(2);
    assertThat(level(card, document("85073003928"), Field.DOCUMENT))
        .as("one digit other")
        .isEqualTo(1);
    assertThat(level(card, document("85070303328"), Field.DOCUMENT))
        .as("two neighbouring digits swapped")
        .isEqualTo(1);
    assertThat(level(card, document("85030703328"), Field.DOCUMENT))
        .as("two digits swapped that are not neighbours")
        .isEqualTo(0);
    assertThat(level(card, document("8507300332"), Field.DOCUMENT))
        .as("another length: another kind of document, or a digit left out")
        .isEqualTo(Comparison.MISSING);
    assertThat(level(document("HUSSA807305M99AB"), document("123456789"), Field.DOCUMENT))
        .as("a driving licence and a passport")
        .isEqualTo(Comparison.MISSING);
    assertThat(level(document("hussa807305m99ab"), document("HUSSA807305M99AB"), Field.DOCUMENT))
        .isEqualTo(2);
    assertThat(level(card, document("12-34"), Field.DOCUMENT))
        .as("too short to be a document")
        .isEqualTo(Comparison.MISSING);
  }

  @Test
  void vehicleLevels() {
    Profile keeper = vehicle("AB12 CDE");
    assertThat(level(keeper, vehicle("ab12-cde"), Field.VEHICLE)).isEqualTo(1);
    assertThat(level(keeper, vehicle("AB12 CDF"), Field.VEHICLE)).isEqualTo(0);
    assertThat(level(keeper, vehicle(" - "), Field.VEHICLE)).isEqualTo(Comparison.MISSING);
  }

  private static Profile vehicle(String registration) {
    return identified(null, registration);
  }

  private static Profile document(String number) {
    return identified(number, null);
  }

  /** A. B. with only a document number or a registration besides the names. */
  private static Profile identified(String document, String registration) {
    return Profile.of(NAMES, "A", "B", null, null, null, null, document, registration);
  }

  @Test
  void aVectorSurvivesEncodingAndReadsInWords() {
    int[] levels = {3, 2, -1, 2, 0, 1, 1, 0};
    assertThat(Comparison.decode(Comparison.encode(levels))).containsExactly(levels);
    assertThat(Comparison.explain(levels))
        .isEqualTo(
            "forename=exact; surname=phonetic; name_ar=missing; dob=day and month swapped;"
                + " address=differs; phone=exact; document=one slip; vehicle=other");
  }
}
