package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evidence bound of the resolution check, on one person's records worked by hand: which pairs
 * their details can link, whatever a model would weigh.
 */
class TestEvidence {
  private static final Names NAMES = new Names(Map.of("jack", "john"));

  private static Profile record(
      String forename, String surname, String dob, String address, String phone) {
    return Profile.of(
        NAMES,
        forename,
        surname,
        null,
        dob == null ? null : LocalDate.parse(dob),
        address,
        phone,
        null,
        null);
  }

  private static Profile arabic(String name, String dob, String address) {
    return Profile.of(
        NAMES,
        null,
        null,
        name,
        dob == null ? null : LocalDate.parse(dob),
        address,
        null,
        null,
        null);
  }

  @Test
  void namesConvinceOnlyWithADateOfBirthOrAnAddressAndAPhoneOnItsOwn() {
    Profile stop = record("John", "Smith", "1980-03-07", null, null);
    assertThat(Evidence.convincing(stop, record("Jack", "SMYTH", "1980-07-03", null, null)))
        .as("nickname, phonetic surname, day and month swapped")
        .isTrue();
    assertThat(Evidence.convincing(stop, record("John", "Smith", "1980-11-30", null, null)))
        .as("same name, same year only")
        .isFalse();
    assertThat(Evidence.convincing(stop, record("John", "Smith", null, "12 High St", null)))
        .as("a name alone")
        .isFalse();
    assertThat(
            Evidence.convincing(
                record("John", "Smith", null, "12 High St", null),
                record("John", "Smyth", null, "12 HIGH ST", null)))
        .as("names and the same address")
        .isTrue();
    assertThat(
            Evidence.convincing(
                record(null, null, null, null, "07700 900123"),
                record("Mary", "Jones", null, null, "+44 7700 900123")))
        .as("the same phone number")
        .isTrue();
    assertThat(
            Evidence.convincing(
                arabic("محمد خليل", null, "Rue Hamra 4"), arabic("محمد خليل", null, "Rue Hamra 4")))
        .as("the Arabic-script name and the same address")
        .isTrue();
    assertThat(
            Evidence.convincing(
                arabic("محمد خليل", "1990-01-02", null), arabic("محمد خليل", "1991-01-02", null)))
        .as("the Arabic-script name, born in another year")
        .isFalse();
  }

  @Test
  void aDocumentConvincesOnItsOwnAndOneSlipOfItWithTheNames() {
    Profile custody =
        Profile.of(NAMES, "John", "Smith", null, null, null, null, "SMITH803075J99AB", null);
    assertThat(
            Evidence.convincing(
                custody,
                Profile.of(
                    NAMES, "Jon", "SMYTH", null, null, null, null, "SMITH803075J99AB", null)))
        .as("the same licence number")
        .isTrue();
    assertThat(
            Evidence.convincing(
                custody,
                Profile.of(NAMES, null, null, null, null, null, null, "smith 803075 j9 9ab", null)))
        .as("the same licence number, written with spaces, no name")
        .isTrue();
    assertThat(
            Evidence.convincing(
                custody,
                Profile.of(
                    NAMES, "John", "Smith", null, null, null, null, "SMITH830075J99AB", null)))
        .as("the names and the licence number with two digits swapped")
        .isTrue();
    assertThat(
            Evidence.convincing(
                custody,
                Profile.of(
                    NAMES, "Mary", "Jones", null, null, null, null, "SMITH830075J99AB", null)))
        .as("another name and the licence number with two digits swapped")
        .isFalse();
  }

  @Test
  void theNamesAndTheVehicleKeptAndDrivenConvinceAVehicleAloneDoesNot() {
    Profile keeper =
        Profile.of(NAMES, "John", "Smith", null, null, "3 Mill Road", null, null, "AB12 CDE");
    assertThat(
            Evidence.convincing(
                keeper,
                Profile.of(
                    NAMES,
                    "Jack",
                    "SMITH",
                    null,
                    LocalDate.parse("1980-03-07"),
                    null,
                    null,
                    null,
                    "ab12cde")))
        .as("the driver stopped in the keeper's vehicle, by the same name")
        .isTrue();
    assertThat(
            Evidence.convincing(
                keeper,
                Profile.of(NAMES, "Mary", "Jones", null, null, null, null, null, "AB12-CDE")))
        .as("someone else driving it")
        .isFalse();
  }

  @Test
  void pairsAreReachableThroughChainsOfConvincingDetailsAndRecordedAs() {
    List<String> ids = List.of("stop", "nominal", "keeper", "arrest", "call", "keeper2");
    List<String> sameAs = Arrays.asList(null, null, null, "nominal", null, null);
    List<Profile> profiles =
        List.of(
            record("John", "Smith", "1980-03-07", null, null),
            record("Jack", "SMITH", "1980-07-03", "12 High St", null),
            record("John", "Smith", null, "12 High St", null),
            record(null, null, null, null, null),
            record(null, null, null, null, "07700 900123"),
            record("John", "Smith", null, "3 Low Rd", null));
    // stop-nominal (names, swapped date), nominal-keeper (names, address), arrest as nominal: one
    // group of 4 (6 pairs); the call's number is on no other record; the second keeper shares only
    // the name.
    assertThat(Evidence.reachablePairs(ids, sameAs, profiles)).isEqualTo(6);
  }
}
