package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.bluelamp.Repository;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.resolve.PersonSearchKeys.Kind;
import org.junit.jupiter.api.Test;

/** What typed text is looked up by, against keys of recorded details worked by hand. */
class TestPersonSearchKeys {
  private static final Pipelines PIPELINES = Pipelines.load(Repository.pipelines());

  @Test
  void aNicknameAndAnUpperCasedSurnameGiveTheKeysOfTheFormalName() {
    Map<String, String> typed = PersonSearchKeys.typed(PIPELINES, Kind.NAME, "Bill KHAN");
    assertThat(typed).containsEntry("name", "william khan").containsEntry("surname", "khan");
    Profile recorded =
        Profile.of(
            Profiles.names(PIPELINES),
            "William",
            "Khan",
            null,
            null,
            "1 High St",
            null,
            null,
            null);
    assertThat(PersonSearchKeys.keysOf(recorded)).containsAllEntriesOf(typed);
  }

  @Test
  void spellingsThatSoundAlikeShareTheSurnameCode() {
    String hussain = PersonSearchKeys.typed(PIPELINES, Kind.NAME, "Hussain").get("surname_code");
    assertThat(hussain).isNotNull();
    for (String other : new String[] {"Hussein", "HUSAIN"}) {
      Map<String, String> keys = PersonSearchKeys.typed(PIPELINES, Kind.NAME, other);
      assertThat(keys).doesNotContainKey("name").containsEntry("surname_code", hussain);
    }
  }

  @Test
  void aPhoneNumberInInternationalFormMeetsItsNationalForm() {
    assertThat(PersonSearchKeys.typed(PIPELINES, Kind.PHONE, "+44 (0)7700 900123"))
        .isEqualTo(Map.of("phone", "700900123"));
    assertThat(PersonSearchKeys.typed(PIPELINES, Kind.PHONE, "07700-900123"))
        .isEqualTo(Map.of("phone", "700900123"));
  }

  @Test
  void anAddressIsReadAsTheLinkageReadsIt() {
    assertThat(PersonSearchKeys.typed(PIPELINES, Kind.ADDRESS, "14, Green  Street"))
        .isEqualTo(Map.of("address", "14 green st"));
  }

  @Test
  void textWithNothingToLookUpIsRefusedWithAnExample() {
    assertThatThrownBy(() -> PersonSearchKeys.typed(PIPELINES, Kind.PHONE, "12-34"))
        .hasMessageContaining("gives no phone")
        .hasMessageContaining("six digits");
  }
}
