package org.bluelamp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bluelamp.BluelampException;
import org.bluelamp.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reader-specific declarations (fixed-width layouts, XML records) are checked on load. */
class TestReaderContracts {
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/formats/pipelines");

  @TempDir Path dir;

  @BeforeEach
  void copy() throws IOException {
    Fixtures.copyTree(FIXTURE, dir);
  }

  private String failure(String file, String from, String to) throws IOException {
    Path path = dir.resolve("sources/demo").resolve(file);
    String text = Files.readString(path);
    assertThat(text).contains(from);
    Files.writeString(path, text.replace(from, to));
    return catchThrowableOfType(() -> Pipelines.load(dir), BluelampException.class).getMessage();
  }

  @Test
  void theFixtureLayoutsLoad() {
    ReaderSpec stops = Pipelines.load(dir).source("demo/stops").reader();
    assertThat(stops.fields())
        .extracting(ReaderSpec.FixedField::name)
        .containsExactly("REF", "STOPPED", "VRM", "OUTCOME");
  }

  @Test
  void overlappingFixedFieldsAreRefused() throws IOException {
    assertThat(failure("stops.yaml", "{name: VRM, start: 21", "{name: VRM, start: 19"))
        .contains("reader.fields[2]")
        .contains("'VRM' overlaps 'STOPPED'");
  }

  @Test
  void aFixedReaderNeedsItsLayout() throws IOException {
    String text = Files.readString(dir.resolve("sources/demo/stops.yaml"));
    String withoutFields = text.replaceAll("(?s)  fields:.*?(?=key:)", "");
    Files.writeString(dir.resolve("sources/demo/stops.yaml"), withoutFields);
    assertThat(catchThrowableOfType(() -> Pipelines.load(dir), BluelampException.class))
        .hasMessageContaining("a fixed-width reader needs its layout");
  }

  @Test
  void anXmlReaderNeedsItsRecordElement() throws IOException {
    assertThat(failure("intel.yaml", "options: {record: Report}", "options: {encoding: UTF-8}"))
        .contains("options.record")
        .contains("needs the record element's name");
  }
}
