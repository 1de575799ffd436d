package org.bluelamp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bluelamp.BluelampException;
import org.bluelamp.Fixtures;
import org.bluelamp.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declaration errors stop the load with a message naming the file, the key and the fix. */
class TestContractParser {
  @TempDir Path dir;
  private Path cad;

  @BeforeEach
  void copyDeclarations() throws IOException {
    Fixtures.copyTree(Repository.pipelines(), dir);
    cad = dir.resolve("sources/england/cad.yaml");
  }

  private void edit(String from, String to) throws IOException {
    String text = Files.readString(cad);
    assertThat(text).contains(from);
    Files.writeString(cad, text.replace(from, to));
  }

  private BluelampException loadFails() {
    return catchThrowableOfType(() -> Pipelines.load(dir), BluelampException.class);
  }

  @Test
  void theDeclaredContractsLoadIntoRecords() {
    Pipelines pipelines = Pipelines.load(dir);
    SourceContract contract = pipelines.source("england/cad");
    assertThat(contract.id()).isEqualTo("england__cad");
    assertThat(contract.reader().kind()).isEqualTo(ReaderKind.CSV);
    assertThat(contract.key()).containsExactly("incident_id");
    assertThat(contract.sequence()).contains("last_modified_at");
    assertThat(contract.column("received_at").orElseThrow().format())
        .contains("dd/MM/yyyy HH:mm:ss");
    assertThat(contract.codeLists().get(0).add()).containsEntry("label", "grade_label");
    assertThat(contract.geometry().orElseThrow().crs()).isEqualTo("EPSG:27700");
    assertThat(contract.rules()).extracting(RuleSpec::action).containsOnly(Action.WARN);
    assertThat(pipelines.feeding("incident"))
        .contains(contract)
        .extracting(SourceContract::force)
        .containsExactlyInAnyOrder("belgium", "england", "lebanon");
  }

  @Test
  void aMistypedKeyNamesTheFileTheKeyAndTheKeyMeant() throws IOException {
    edit("columns:", "colums:");
    BluelampException error = loadFails();
    assertThat(error.getMessage())
        .contains(cad.toString())
        .contains("unknown key 'colums'")
        .contains("did you mean 'columns'");
  }

  @Test
  void anUnknownReaderKindListsTheKnownOnes() throws IOException {
    edit("kind: csv", "kind: xlsx");
    assertThat(loadFails().getMessage())
        .contains("reader.kind")
        .contains(
            "'xlsx' is not one of "
                + java.util.Arrays.stream(ReaderKind.values())
                    .map(k -> k.name().toLowerCase(java.util.Locale.ROOT))
                    .toList());
  }

  @Test
  void aMissingRequiredKeyIsNamed() throws IOException {
    edit("system: cad\n", "");
    assertThat(loadFails().getMessage()).contains("'system'").contains("required key is missing");
  }

  @Test
  void aKeyMustBeADeclaredColumn() throws IOException {
    edit("key: [incident_id]", "key: [incident_ref]");
    assertThat(loadFails().getMessage())
        .contains("at 'key'")
        .contains("'incident_ref' is not a declared column");
  }

  @Test
  void aRuleMustBeValidSql() throws IOException {
    edit("arrived_at >= dispatched_at", "arrived_at >=> dispatched_at");
    assertThat(loadFails().getMessage())
        .contains("rules[0].check")
        .contains("not a valid SQL expression");
  }

  @Test
  void aCodeListColumnMustExistInTheList() throws IOException {
    edit("add: {label: grade_label,", "add: {colour: grade_colour,");
    assertThat(loadFails().getMessage())
        .contains("code_lists[0].add.colour")
        .contains("has no column 'colour'");
  }

  @Test
  void formatsAndZonesAreCheckedAtLoad() throws IOException {
    edit(
        "format: \"dd/MM/yyyy HH:mm:ss\", required: true}",
        "format: \"dd/MM/yyyy HH:mm:ss\", zone: Europe/Londres, required: true}");
    assertThat(loadFails().getMessage()).contains("unknown time zone 'Europe/Londres'");
  }

  @Test
  void aSourceMustLiveUnderADeclaredForce() throws IOException {
    Files.createDirectories(dir.resolve("sources/wales"));
    Files.move(cad, dir.resolve("sources/wales/cad.yaml"));
    assertThat(loadFails().getMessage()).contains("'wales' is not a declared force");
  }

  @Test
  void aSourceFeedingAnEntityMustMapItsRequiredColumns() throws IOException {
    edit("  - {name: grade, from: GRADE, required: true}\n", "");
    edit(
        "code_lists:\n  - {column: grade, list: england/call_grades, on_unknown: quarantine,"
            + " add: {label: grade_label, target_minutes: target_minutes}}\n",
        "");
    assertThat(loadFails().getMessage())
        .contains("entity 'incident' needs column(s) [grade, grade_label]");
  }

  @Test
  void anUnknownSourceOnTheCommandLineListsTheKnownOnes() {
    assertThatThrownBy(() -> Pipelines.load(dir).source("england/dispatch"))
        .hasMessageContaining("Unknown source 'england/dispatch'")
        .hasMessageContaining("england/cad");
  }

  @Test
  void aForceDeclaresItsHotSpotGridAndABandSmallerThanACellIsRefused() throws IOException {
    Pipelines pipelines = Pipelines.load(dir);
    assertThat(pipelines.force("lebanon").grid()).isEqualTo(new Force.Grid(1000, 3000));
    assertThat(pipelines.force("england").grid().bandCells()).isEqualTo(3.0);
    Path belgium = dir.resolve("forces/belgium.yaml");
    String text = Files.readString(belgium);
    Files.writeString(belgium, text.replace("band_metres: 300}", "band_metres: 50}"));
    assertThat(loadFails().getMessage())
        .contains("belgium.yaml")
        .contains("grid.band_metres")
        .contains("band_metres >= cell_metres");
    Files.writeString(belgium, text.replaceAll("(?m)^grid:.*$", ""));
    assertThat(Pipelines.load(dir).force("belgium").grid()).isEqualTo(Force.Grid.DEFAULT);
  }
}
