package org.bluelamp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.stream.Stream;
import org.bluelamp.Repository;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Lints every declaration under pipelines/: one test per source contract, so a new source adds its
 * own test by being added.
 */
class TestPipelinesLint {
  private static final Pipelines PIPELINES = Pipelines.load(Repository.pipelines());

  @TestFactory
  Stream<DynamicTest> everySourceContract() {
    return PIPELINES.sources().stream()
        .map(
            source ->
                DynamicTest.dynamicTest(
                    Repository.root().relativize(source.file()).toString(),
                    () -> {
                      assertThat(source.description()).isNotBlank();
                      assertThat(PIPELINES.forces()).containsKey(source.force());
                      source
                          .entity()
                          .ifPresent(e -> assertThat(PIPELINES.entities()).containsKey(e));
                      source
                          .codeLists()
                          .forEach(
                              c -> assertThat(PIPELINES.codeListFile(c.list())).isRegularFile());
                      assertThat(source.pii()).isSubsetOf(source.outputColumns());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyEntityIsFedByASource() {
    return PIPELINES.entities().values().stream()
        .map(
            entity ->
                DynamicTest.dynamicTest(
                    Repository.root().relativize(entity.file()).toString(),
                    () -> {
                      assertThat(PIPELINES.feeding(entity.name())).isNotEmpty();
                      assertThat(entity.columns())
                          .allSatisfy(c -> assertThat(c.description()).isNotBlank());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyCodeListHasUniqueCodes() throws Exception {
    try (Stream<java.nio.file.Path> files =
        Files.walk(Repository.pipelines().resolve("code_lists"))) {
      return files.filter(f -> f.toString().endsWith(".csv")).sorted().toList().stream()
          .map(
              file ->
                  DynamicTest.dynamicTest(
                      Repository.root().relativize(file).toString(),
                      () -> {
                        var codes =
                            Files.readAllLines(file).stream()
                                .skip(1)
                                .map(l -> l.split(",")[0])
                                .toList();
                        assertThat(codes).isNotEmpty().doesNotHaveDuplicates();
                      }));
    }
  }
}
