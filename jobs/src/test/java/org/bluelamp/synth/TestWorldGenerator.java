package org.bluelamp.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.WorldDatabases;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.ReaderKind;
import org.bluelamp.jdbc.Connections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class TestWorldGenerator {
  private static final Pipelines PIPELINES = Pipelines.load(Repository.pipelines());
  private static final Connections DATABASES = WorldDatabases.connections("bluelamp_world_unit");
  private static final WorldGenerator.Options OPTIONS =
      new WorldGenerator.Options(LocalDate.of(2026, 3, 23), 3, 0.05, 11L);

  @TempDir static Path first;
  @TempDir Path second;
  private static List<Truth> truths;

  @BeforeAll
  static void generate() {
    truths = WorldGenerator.generate(first, PIPELINES, OPTIONS, Progress.silent(), DATABASES);
  }

  private static List<Truth> generate(Path out, WorldGenerator.Options options) {
    return WorldGenerator.generate(out, PIPELINES, options, Progress.silent(), DATABASES);
  }

  @Test
  void threeForcesAndThirtyOrMoreSourcesEachWithRecords() {
    assertThat(truths).extracting(Truth::force).containsExactly("belgium", "england", "lebanon");
    Map<String, Truth.SourceTruth> sources = new HashMap<>();
    truths.forEach(t -> sources.putAll(t.sources()));
    assertThat(sources).hasSizeGreaterThanOrEqualTo(30).hasSameSizeAs(PIPELINES.sources());
    assertThat(sources).allSatisfy((id, truth) -> assertThat(truth.records()).as(id).isPositive());
    Set<ReaderKind> kinds = new HashSet<>();
    PIPELINES.sources().forEach(s -> kinds.add(s.reader().kind()));
    assertThat(kinds).containsExactlyInAnyOrder(ReaderKind.values());
  }

  @Test
  void theSameOptionsGiveTheSameFiles() throws IOException {
    generate(second, OPTIONS);
    List<Path> files = files(first);
    assertThat(files).hasSizeGreaterThan(80);
    assertThat(files(second)).isEqualTo(files);
    for (Path file : files) {
      if (!file.toString().endsWith(".xlsx")) { // a workbook's zip entries carry write times
        assertThat(Files.readAllBytes(second.resolve(file)))
            .as(file.toString())
            .isEqualTo(Files.readAllBytes(first.resolve(file)));
      }
    }
  }

  @Test
  void anotherSeedGivesAnotherWorldAndScaleMultipliesVolume() throws IOException {
    List<Truth> other =
        generate(
            second,
            new WorldGenerator.Options(OPTIONS.start(), OPTIONS.days(), OPTIONS.scale() * 4, 12L));
    Path cad = Path.of("landing/england/cad/cad_2026-03-23.csv");
    assertThat(Files.readString(second.resolve(cad)))
        .isNotEqualTo(Files.readString(first.resolve(cad)));
    double ratio =
        (double) other.get(1).sources().get("england__cad").records()
            / truths.get(1).sources().get("england__cad").records();
    assertThat(ratio).isBetween(3.2, 4.8);
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root.resolve("landing"))) {
      return paths.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void wardsTileTheForceExtentWithoutGapsOrOverlaps() {
    Force.Extent extent = PIPELINES.force("england").extent();
    List<Wards.Ward> wards =
        Wards.build(extent, 4, 3, new SplittableRandom(5), "W%02d", List.of("A", "B"));
    double extentArea = (extent.maxX() - extent.minX()) * (extent.maxY() - extent.minY());
    double sum = wards.stream().mapToDouble(w -> w.polygon().getArea()).sum();
    Geometry union =
        new GeometryFactory()
            .buildGeometry(wards.stream().map(Wards.Ward::polygon).toList())
            .union();
    assertThat(sum).isCloseTo(extentArea, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(union.getArea()).isCloseTo(extentArea, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(wards).extracting(Wards.Ward::id).doesNotHaveDuplicates().hasSize(12);
    assertThat(wards).extracting(Wards.Ward::name).contains("A", "B", "A 2");
  }

  @Test
  void everyDefectKindIsPlantedAndTextDefectsAreOnTheLineTheTruthNames() throws IOException {
    List<Truth.Defect> defects = truths.stream().flatMap(t -> t.defects().stream()).toList();
    assertThat(defects)
        .extracting(Truth.Defect::kind)
        .contains(
            "bad_date",
            "missing_location",
            "out_of_area",
            "unknown_code",
            "missing_required",
            "duplicate",
            "malformed");
    int checked = 0;
    for (Truth.Defect defect : defects) {
      Path file = WorldGenerator.landing(first).resolve(defect.file());
      String name = file.getFileName().toString();
      if (!(name.endsWith(".csv")
          || name.endsWith(".tsv")
          || name.endsWith(".jsonl")
          || name.endsWith(".xml")
          || name.endsWith(".txt"))) {
        continue;
      }
      List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
      String line = lines.get((int) defect.line() - 1);
      assertThat(line).as(defect.toString()).contains(defect.key());
      switch (defect.kind()) {
        case "duplicate" -> assertThat(lines.subList(0, (int) defect.line() - 1)).contains(line);
        case "bad_date" -> assertThat(line).containsAnyOf("25:61", "999999");
        case "unknown_code" -> assertThat(line).contains("ZZ9");
        default -> assertThat(line).isNotBlank();
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void eachForceWritesItsOwnLanguageEncodingAndScript() throws IOException {
    Path appels = WorldGenerator.landing(first).resolve("belgium/appels/appels_2026-03-23.csv");
    byte[] latin1 = Files.readAllBytes(appels);
    assertThat(new String(latin1, StandardCharsets.ISO_8859_1))
        .startsWith("num_intervention;heure_appel;priorité;")
        .containsPattern("\\d{6},\\d;"); // Lambert 72 with a decimal comma
    assertThatThrownBy(
            () ->
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(latin1)))
        .isInstanceOf(CharacterCodingException.class);
    String persons =
        Files.readString(
            WorldGenerator.landing(first).resolve("lebanon/persons/persons_2026-03-23.jsonl"));
    assertThat(persons).containsPattern("\\p{InArabic}{2,}").contains("full_name_arabic");
  }

  @Test
  void thePeopleBehindTheRecordsAppearAcrossSystemsUnderVaryingNames() throws IOException {
    List<String> lines =
        Files.readAllLines(first.resolve("truth").resolve(truths.get(1).identitiesFile()));
    Map<String, Set<String>> sourcesByPerson =
        lines.stream()
            .skip(1)
            .map(l -> l.split(","))
            .filter(p -> p[2].startsWith("england-P"))
            .collect(
                Collectors.groupingBy(
                    p -> p[2], Collectors.mapping(p -> p[0], Collectors.toSet())));
    assertThat(sourcesByPerson.values()).anySatisfy(s -> assertThat(s).hasSizeGreaterThan(2));
  }

  /**
   * Where identity cards are compulsory (Belgium, Lebanon) every identity check writes a date of
   * birth, read from the card or as declared; an English stop writes what the person gives, and now
   * and then that is no date of birth. Lines the truth names as defects (a truncated line, a
   * duplicate) are left out.
   */
  @Test
  void identityChecksWriteADateOfBirthWhereIdentityCardsAreCompulsory() throws IOException {
    assertThat(withoutDateOfBirth("belgium/controles", ";", "date_naissance")).isZero();
    assertThat(withoutDateOfBirth("lebanon/checkpoints", null, "birth_date")).isZero();
    assertThat(withoutDateOfBirth("england/stop_search", "\t", "DOB")).isPositive();
  }

  /**
   * The records of the landing folder {@code dir} with no date of birth in {@code column}: CSV or
   * TSV split on {@code separator} (its first line the header), or JSON lines ({@code null}).
   */
  private static long withoutDateOfBirth(String dir, String separator, String column)
      throws IOException {
    Set<String> defective =
        truths.stream()
            .flatMap(t -> t.defects().stream())
            .filter(d -> d.file().startsWith(dir + "/"))
            .map(d -> d.file() + ":" + d.line())
            .collect(Collectors.toSet());
    long records = 0;
    long without = 0;
    try (Stream<Path> files = Files.list(WorldGenerator.landing(first).resolve(dir))) {
      for (Path file : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        int at = separator == null ? -1 : List.of(lines.get(0).split(separator)).indexOf(column);
        for (int i = separator == null ? 0 : 1; i < lines.size(); i++) {
          if (defective.contains(dir + "/" + file.getFileName() + ":" + (i + 1))) {
            continue;
          }
          records++;
          String line = lines.get(i);
          boolean given =
              separator == null
                  ? java.util.regex.Pattern.compile("\"" + column + "\":\"[0-9-]+\"")
                      .matcher(line)
                      .find()
                  : !line.split(separator, -1)[at].isBlank();
          without += given ? 0 : 1;
        }
      }
    }
    assertThat(records).as(dir).isGreaterThan(10);
    return without;
  }

  @Test
  void everyGazetteerAddressHasItsOwnTextAndItsWrittenFormsAreInTheTruth() throws IOException {
    List<String> gazetteer =
        Files.readAllLines(
            WorldGenerator.landing(first).resolve("england/gazetteer/gazetteer.csv"),
            StandardCharsets.UTF_8);
    Map<String, String> idOfText =
        gazetteer.stream()
            .skip(1)
            .map(line -> line.split("\\|"))
            .collect(Collectors.toMap(cells -> cells[1], cells -> cells[0]));
    assertThat(idOfText).as("one text per address").hasSize(gazetteer.size() - 1);
    assertThat(idOfText.keySet())
        .allMatch(
            text -> text.matches("\\d+ [A-Za-z ]+, [A-Za-z0-9 ]+"), "number street, locality");
    // Every text written stands for a gazetteer address.
    List<String> written =
        Files.readAllLines(
            first.resolve("truth").resolve(truths.get(1).placesFile()), StandardCharsets.UTF_8);
    assertThat(written.get(0)).isEqualTo("written,address_id");
    assertThat(written.subList(1, written.size()))
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(idOfText.values()).contains(line.substring(line.lastIndexOf(',') + 1)));
    assertThat(written.subList(1, written.size()))
        .as("written with the street type shortened, in upper case, without the comma")
        .anyMatch(line -> line.contains(" Rd"))
        .anyMatch(line -> line.matches("[^a-z]+,ADR\\d+"))
        .anyMatch(line -> !line.startsWith("\""));
  }

  @Test
  void plantedHotspotsLieInsideTheirForceAndTruthsRoundTrip() {
    for (Truth truth : truths) {
      Force.Extent extent = PIPELINES.force(truth.force()).extent();
      assertThat(truth.hotspots())
          .hasSize(3)
          .allSatisfy(h -> assertThat(extent.contains(h.x(), h.y())).isTrue());
      assertThat(truth.responseTimes()).isNotEmpty();
      assertThat(truth.annualTrends()).isNotEmpty();
      assertThat(WorldGenerator.readTruth(first, truth.force())).isEqualTo(truth);
    }
  }
}
