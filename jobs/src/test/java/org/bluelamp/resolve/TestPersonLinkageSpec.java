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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPersonLinkageSpec {
  private static final Pipelines SHIPPED = Pipelines.load(Repository.pipelines());

  @Test
  void theShippedDeclarationLoads() {
    PersonLinkageSpec spec = PersonLinkageSpec.load(SHIPPED);
    assertThat(spec.mentions())
        .extracting(Mention::entity)
        .contains("person_record", "arrest", "stop", "custody", "call");
    Mention child =
        spec.mentions().stream().filter(m -> m.part().orElse("").equals("child")).findFirst().get();
    Mention adult =
        spec.mentions().stream().filter(m -> m.part().orElse("").equals("adult")).findFirst().get();
    assertThat(child.principal()).isTrue();
    assertThat(adult.principal()).isFalse();
    assertThat(spec.training()).contains(List.of("dob"), List.of("phone"));
    assertThat(spec.guardBits()).isNegative();
  }

  @Test
  void aColumnSilverDoesNotHaveIsNamedWithItsFix(@TempDir Path root) {
    assertThatThrownBy(
            () ->
                loadChanged(
                    root,
                    "fields: {forename: forename, surname: surname, dob: dob, address: address,"
                        + " document: id_document}\n"
                        + "  - entity: intel",
                    "fields: {forename: forename, surname: family_name, dob: dob, address: address,"
                        + " document: id_document}\n"
                        + "  - entity: intel"))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("persons.yaml")
        .hasMessageContaining("silver.custody has no column 'family_name'");
  }

  @Test
  void aBlockingColumnMustBeAProfileColumn(@TempDir Path root) {
    assertThatThrownBy(() -> loadChanged(root, "- [surname_code, dob]", "- [surname_soundex, dob]"))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("linkage.blocking")
        .hasMessageContaining("'surname_soundex' is not a profile column");
  }

  /** The shipped declaration with {@code from} replaced by {@code to}, loaded from {@code root}. */
  private static PersonLinkageSpec loadChanged(Path root, String from, String to)
      throws IOException {
    String shipped =
        Files.readString(Repository.pipelines().resolve("resolve").resolve("persons.yaml"));
    assertThat(shipped).contains(from);
    Files.createDirectories(root.resolve("resolve"));
    Files.writeString(root.resolve("resolve").resolve("persons.yaml"), shipped.replace(from, to));
    return PersonLinkageSpec.load(
        new Pipelines(root, SHIPPED.forces(), SHIPPED.entities(), SHIPPED.sources()));
  }
}
