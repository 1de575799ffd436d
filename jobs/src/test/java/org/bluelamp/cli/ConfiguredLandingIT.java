package org.bluelamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bluelamp.Cli;
import org.bluelamp.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A force that brings its own files: its landing folder is configured in its force file, no sample
 * world exists, and `bluelamp run` ingests what lands there (the run path knows nothing of the
 * generator). The force and its one source are written here; the files are hand-made, so every
 * count asserted is a hand count.
 */
class ConfiguredLandingIT {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  @TempDir Path dir;

  @Test
  void aRunWithoutDatesIngestsTheDaysOfTheConfiguredLandingFolder() throws IOException {
    Path repository = repository();
    Path home = dir.resolve("home");
    Path drop = home.resolve("drop/asb");
    Files.createDirectories(drop);
    Files.writeString(
        drop.resolve("asb_2026-05-04.csv"),
        "Case No;Date Reported;Category;Easting;Northing\n"
            + "T-1;04/05/2026 09:15;Noise;525000;175000\n"
            + "T-2;04/05/2026 22:40;Littering;526100;176200\n"
            + "T-3;31/13/2026 10:00;Noise;525500;175500\n",
        WINDOWS_1252);
    Files.writeString(
        drop.resolve("asb_2026-05-06.csv"),
        "Case No;Date Reported;Category;Easting;Northing\n"
            + "T-4;06/05/2026 11:05;Vandalism;527000;177000\n",
        WINDOWS_1252);

    Cli.Result run = run(repository, home, "run", "--layer", "bronze");

    assertThat(run.exitCode()).as(run.tail()).isZero();
    // The interval is the landing files' days: 4 May to the day after 6 May.
    assertThat(run.output()).contains("interval [2026-05-04, 2026-05-07)");
    assertThat(run.output()).contains("testshire__asb: 4 read, 3 accepted, 1 quarantined");
    assertThat(home.resolve("world")).doesNotExist();
    try (Stream<Path> files = Files.list(home.resolve("lake/bronze/testshire__asb"))) {
      assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith(".parquet"));
    }
  }

  @Test
  void aRunWithoutDatesAndWithoutFilesSaysWhichIntervalToPass() throws IOException {
    Cli.Result run = run(repository(), dir.resolve("empty-home"), "run", "--layer", "bronze");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains("No interval given and no dated file in any force's landing folder")
        .contains("testshire: drop")
        .contains("--from D1 --to D2");
  }

  /**
   * A repository whose pipelines are the project's (entities, code lists) with one force of its
   * own: the English sample force's settings, landing in {@code drop} under BLUELAMP_HOME, and one
   * source, the anti-social behaviour reports, read from {@code asb} there.
   */
  private Path repository() throws IOException {
    Path root = dir.resolve("repository");
    Path pipelines = root.resolve("pipelines");
    Path project = Repository.root();
    for (String kept : List.of("entities", "code_lists", "resolve")) {
      copy(project.resolve("pipelines").resolve(kept), pipelines.resolve(kept));
    }
    Files.createDirectories(pipelines.resolve("forces"));
    Files.writeString(
        pipelines.resolve("forces/testshire.yaml"),
        Files.readString(project.resolve("pipelines/forces/england.yaml"))
            .replace("id: england", "id: testshire")
            .replace("landing: world/landing", "landing: drop"));
    Files.createDirectories(pipelines.resolve("sources/testshire"));
    Files.writeString(
        pipelines.resolve("sources/testshire/asb.yaml"),
        Files.readString(project.resolve("pipelines/sources/england/asb.yaml"))
            .replace("path: england/asb", "path: asb"));
    Files.createSymbolicLink(root.resolve("sql"), project.resolve("sql"));
    Files.createSymbolicLink(root.resolve("infra"), project.resolve("infra"));
    return root;
  }

  private Cli.Result run(Path repository, Path home, String... args) {
    return Cli.run(
        List.of(args),
        Map.of(),
        Map.of("BLUELAMP_REPO", repository.toString(), "BLUELAMP_HOME", home.toString()),
        dir.resolve("logs").resolve(home.getFileName() + ".log"));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
