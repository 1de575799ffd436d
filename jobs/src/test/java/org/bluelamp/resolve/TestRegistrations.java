package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bluelamp.BluelampException;
import org.bluelamp.Repository;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.resolve.Registrations.Plate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRegistrations {
  private static final Pipelines SHIPPED = Pipelines.load(Repository.pipelines());
  private static final Registrations BRITISH = new Registrations(List.of("LLDD LLL"));

  @Test
  void spacingHyphensAndCaseDoNotMakeAnotherPlate() {
    for (String written : List.of("AB12 CDE", "ab12cde", "AB12-CDE", " ab 12 c.d.e ")) {
      assertThat(BRITISH.read(written)).isEqualTo(new Plate("AB12 CDE", "AB12CDE", null, true));
    }
  }

  @Test
  void aCharacterOfTheWrongClassIsReadAsTheOneItIsConfusedWith() {
    assertThat(BRITISH.read("A812 CDE"))
        .isEqualTo(new Plate("AB12 CDE", "AB12CDE", "8->B at 2", true));
    assertThat(BRITISH.read("ABI2 C0E"))
        .isEqualTo(new Plate("AB12 COE", "AB12COE", "I->1 at 3, 0->O at 6", true));
    Registrations belgian = new Registrations(List.of("D-LLL-DDD"));
    assertThat(belgian.read("I-ABC-2O4"))
        .isEqualTo(new Plate("1-ABC-204", "1ABC204", "I->1 at 1, O->0 at 6", true));
  }

  @Test
  void arabicIndicDigitsAreDigits() {
    Registrations lebanese = new Registrations(List.of("L DDDDDD"));
    assertThat(lebanese.read("b \u0661\u0662\u0663\u0664\u0665\u0666"))
        .isEqualTo(new Plate("B 123456", "B123456", null, true));
  }

  @Test
  void aPlateThatFitsNoFormatKeepsItsLettersAndDigits() {
    assertThat(BRITISH.read("ab1x cde")).isEqualTo(new Plate("AB1XCDE", "AB1XCDE", null, false));
    assertThat(BRITISH.read("K 99")).isEqualTo(new Plate("K99", "K99", null, false));
    assertThat(BRITISH.read(" - ")).isNull();
    assertThat(BRITISH.read(null)).isNull();
  }

  @Test
  void theFewestCorrectionsWinBetweenFormatsOfOneLength() {
    Registrations two = new Registrations(List.of("LLL DDDD", "LLLL DDD"));
    assertThat(two.read("ABC1234").vrm()).isEqualTo("ABC 1234");
    assertThat(two.read("ABCD123").vrm()).isEqualTo("ABCD 123");
  }

  @Test
  void aFormatIsLettersDigitsSpacesAndHyphens() {
    assertThatThrownBy(() -> new Registrations(List.of("AA99 AAA")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'AA99 AAA' is not a registration format");
  }

  @Test
  void theShippedDeclarationGivesEveryForceItsCountry() {
    VehicleLinkageSpec spec = VehicleLinkageSpec.load(SHIPPED);
    assertThat(spec.countries()).containsEntry("england", "GB").containsEntry("belgium", "BE");
    assertThat(spec.countries().keySet()).isEqualTo(SHIPPED.forces().keySet());
    assertThat(spec.mentions())
        .extracting(Mention::entity)
        .contains("vehicle_record", "anpr_read", "collision", "stop", "penalty_notice");
  }

  @Test
  void aTypedRegistrationIsSearchedByTheKeysTheResolutionGivesItInEveryCountry() {
    VehicleLinkageSpec spec = VehicleLinkageSpec.load(SHIPPED);
    // Worked by hand: the 7 characters fit the British LLDD LLL as they are; Belgium's D-LLL-DDD
    // would need the A read as a digit and Lebanon's L DDDDDD the C, neither of which has a
    // look-alike, so there it fits no format and is kept as its letters and digits (as a foreign
    // plate is recorded): the same key.
    assertThat(spec.searchKeys("ab12 cde")).containsExactly("AB12CDE");
    // A 2 typed as a Z in a British digit slot is read back as the 2; where no format fits, the
    // letters and digits as typed are the key.
    assertThat(spec.searchKeys("AB1Z-CDE")).containsExactly("AB12CDE", "AB1ZCDE");
    assertThat(spec.searchKeys(" - ")).isEmpty();
  }

  @Test
  void aForceWithoutFormatsIsNamedWithItsFix(@TempDir Path root) throws IOException {
    String shipped =
        Files.readString(Repository.pipelines().resolve("resolve").resolve("vehicles.yaml"));
    String from = "  - {country: LB, forces: [lebanon], formats: [\"L DDDDDD\"]}\n";
    assertThat(shipped).contains(from);
    Files.createDirectories(root.resolve("resolve"));
    Files.writeString(root.resolve("resolve").resolve("vehicles.yaml"), shipped.replace(from, ""));
    assertThatThrownBy(
            () ->
                VehicleLinkageSpec.load(
                    new Pipelines(root, SHIPPED.forces(), SHIPPED.entities(), SHIPPED.sources())))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("force 'lebanon' has no registration formats")
        .hasMessageContaining("add it to the forces of its country");
  }
}
