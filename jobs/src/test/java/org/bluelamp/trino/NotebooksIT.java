package org.bluelamp.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bluelamp.Repository;
import org.bluelamp.ServedWorld;
import org.bluelamp.synth.Truth;
import org.junit.jupiter.api.Test;

/**
 * The analyst notebooks under {@code notebooks/}, every one run headless top to bottom (nbclient,
 * in the environment {@code infra/embedded/notebooks.sh} prepares) against the served sample world
 * as an engineer; the weekly crime picture's figures are the crimes the generator planted.
 */
class NotebooksIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path OUT = Path.of("target", "notebooks").toAbsolutePath();

  @Test
  void everyNotebookRunsAndTheWeeklyPictureShowsThePlantedCrimeOfEveryForce() throws Exception {
    ServedWorld served = ServedWorld.get();
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(Repository.root().resolve("infra/embedded/notebooks.sh").toString());
    command.add(Path.of("target", "notebooks-venv").toAbsolutePath().toString());
    command.add(OUT.toString());
    try (Stream<Path> notebooks = Files.list(Repository.root().resolve("notebooks"))) {
      notebooks
          .filter(p -> p.toString().endsWith(".ipynb"))
          .sorted()
          .forEach(p -> command.add(p.toString()));
    }
    assertThat(command).hasSizeGreaterThan(4);
    Path log = Path.of("target", "notebooks.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("BLUELAMP_TRINO_URL", "http://127.0.0.1:" + served.trino.port());
    builder.environment().put("BLUELAMP_TRINO_USER", ServedWorld.ENGINEER);
    assertThat(builder.start().waitFor()).as(Files.readString(log)).isZero();

    JsonNode notebook = JSON.readTree(OUT.resolve("weekly_crime_picture.ipynb").toFile());
    JsonNode summary = JSON.readTree(output(notebook, "summary"));
    Map<String, Long> planted = new TreeMap<>();
    Map<String, Long> shown = new TreeMap<>();
    for (String force : List.of("belgium", "england", "lebanon")) {
      planted.put(
          force,
          served.world.truth(force).crimeCountsDaily().stream()
              .mapToLong(Truth.DailyCount::count)
              .sum());
      shown.put(force, summary.path("crimes_by_force").path(force).asLong(-1));
      long wardsWithCrime =
          served.world.truth(force).crimeCountsDaily().stream()
              .filter(c -> c.wardId() != null && c.count() > 0)
              .map(Truth.DailyCount::wardId)
              .distinct()
              .count();
      assertThat(summary.path("top_wards").path(force).asLong())
          .as(force + " wards charted")
          .isEqualTo(Math.min(5, wardsWithCrime));
    }
    assertThat(planted.values()).allMatch(crimes -> crimes > 0);
    assertThat(shown).isEqualTo(planted);
    assertThat(summary.path("hotspot_cells").asInt()).isEqualTo(10);
    assertThat(notebook.toString()).as("the top wards chart").contains("\"image/png\"");
  }

  /** The printed output of the code cell tagged {@code tag}. */
  private static String output(JsonNode notebook, String tag) throws IOException {
    for (JsonNode cell : notebook.path("cells")) {
      if (cell.path("metadata").path("tags").toString().contains("\"" + tag + "\"")) {
        StringBuilder text = new StringBuilder();
        for (JsonNode out : cell.path("outputs")) {
          out.path("text").forEach(line -> text.append(line.asText()));
        }
        return text.toString();
      }
    }
    throw new IOException("no cell tagged " + tag + " in the executed notebook");
  }
}
