package org.bluelamp.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class TestWorldGenerator {
  private static final Pipelines PIPELINES = Pipelines.load(Repository.pipelines());
  private static final WorldGenerator.Options OPTIONS =
      new WorldGenerator.Options(LocalDate.of(2026, 3, 23), 4, 0.05, 11L);

  @TempDir Path first;
  @TempDir Path second;

  @Test
  void theSameOptionsGiveTheSameBytes() throws IOException {
    WorldGenerator.generate(first, PIPELINES, OPTIONS, Progress.silent());
    WorldGenerator.generate(second, PIPELINES, OPTIONS, Progress.silent());
    List<Path> files = files(first);
    assertThat(files).hasSizeGreaterThan(8);
    assertThat(files(second)).isEqualTo(files);
    for (Path file : files) {
      assertThat(Files.readAllBytes(second.resolve(file)))
          .as(file.toString())
          .isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
  }

  @Test
  void anotherSeedGivesAnotherWorld() throws IOException {
    WorldGenerator.generate(first, PIPELINES, OPTIONS, Progress.silent());
    WorldGenerator.generate(
        second,
        PIPELINES,
        new WorldGenerator.Options(OPTIONS.start(), OPTIONS.days(), OPTIONS.scale(), 12L),
        Progress.silent());
    Path cad = Path.of("landing/england/cad/cad_2026-03-23.csv");
    assertThat(Files.readString(second.resolve(cad)))
        .isNotEqualTo(Files.readString(first.resolve(cad)));
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void wardsTileTheForceExtentWithoutGapsOrOverlaps() {
    Force.Extent extent = PIPELINES.force("england").extent();
    List<Wards.Ward> wards = Wards.build(extent, 4, 3, new SplittableRandom(5));
    double extentArea = (extent.maxX() - extent.minX()) * (extent.maxY() - extent.minY());
    double sum = wards.stream().mapToDouble(w -> w.polygon().getArea()).sum();
    Geometry union =
        new GeometryFactory()
            .buildGeometry(wards.stream().map(Wards.Ward::polygon).toList())
            .union();
    assertThat(sum).isCloseTo(extentArea, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(union.getArea()).isCloseTo(extentArea, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(wards).extracting(Wards.Ward::id).doesNotHaveDuplicates().hasSize(12);
  }

  @Test
  void everyPlantedDefectIsOnTheLineTheTruthNames() throws IOException {
    Truth truth = WorldGenerator.generate(first, PIPELINES, OPTIONS, Progress.silent());
    assertThat(truth.defects())
        .extracting(Truth.Defect::kind)
        .contains(
            "bad_date",
            "missing_location",
            "out_of_area",
            "unknown_code",
            "duplicate",
            "malformed");
    ObjectMapper json = new ObjectMapper();
    for (Truth.Defect defect : truth.defects()) {
      List<String> lines = Files.readAllLines(WorldGenerator.landing(first).resolve(defect.file()));
      String line = lines.get((int) defect.line() - 1);
      assertThat(line).as(defect.toString()).contains(defect.key().substring(0, 12));
      switch (defect.kind()) {
        case "duplicate" -> assertThat(lines.subList(0, (int) defect.line() - 1)).contains(line);
        case "malformed" -> assertThat(isJson(json, line)).isFalse();
        case "bad_date" -> assertThat(line).containsAnyOf("25:61:00", "-02-30T");
        case "unknown_code" -> assertThat(line).containsAnyOf(",9,", "999/99");
        default -> assertThat(line).isNotBlank();
      }
    }
  }

  private static boolean isJson(ObjectMapper json, String line) {
    try {
      json.readTree(line);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void plantedHotspotsLieInsideTheForceArea() {
    Truth truth = WorldGenerator.generate(first, PIPELINES, OPTIONS, Progress.silent());
    Force.Extent extent = PIPELINES.force("england").extent();
    assertThat(truth.hotspots())
        .hasSize(3)
        .allSatisfy(h -> assertThat(extent.contains(h.x(), h.y())).isTrue());
    assertThat(WorldGenerator.readTruth(first, "england")).isEqualTo(truth);
  }
}
