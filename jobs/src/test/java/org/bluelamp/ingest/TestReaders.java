package org.bluelamp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.FileTrees;
import org.bluelamp.Fixtures;
import org.bluelamp.Progress;
import org.bluelamp.SharedSpark;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader kinds beyond CSV and JSON lines, on fixtures whose outcome was worked by hand. */
class TestReaders {
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/formats");
  private static final Interval MARCH =
      new Interval(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));

  @TempDir Path dir;
  private Pipelines pipelines;
  private Lake lake;
  private IngestJob job;

  @BeforeEach
  void setUp() throws IOException {
    Path landing = dir.resolve("landing");
    Fixtures.copyTree(FIXTURE.resolve("landing"), landing);
    pipelines = Pipelines.load(FIXTURE.resolve("pipelines"));
    lake = new Lake(SharedSpark.session(), dir.resolve("lake").toString());
    job =
        new IngestJob(
            lake,
            pipelines,
            new Landing(
                landing.toString(), SharedSpark.session().sparkContext().hadoopConfiguration()),
            Progress.silent(),
            new Connections(Map.of()));
  }

  private Map<Long, String> quarantined(SourceContract source) {
    return lake
        .read(Tables.QUARANTINE)
        .filter(org.apache.spark.sql.functions.col("_source").equalTo(source.id()))
        .collectAsList()
        .stream()
        .collect(Collectors.toMap(r -> r.<Long>getAs("_offset"), r -> r.<String>getAs("rule")));
  }

  private Map<String, Row> bronze(SourceContract source, String key) {
    return lake.read(TableName.bronze(source.id())).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs(key), r -> r));
  }

  @Test
  void fixedWidthLinesAreCutAtTheDeclaredPositions() {
    SourceContract source = pipelines.source("demo/stops");
    JobResult result = job.run(source, MARCH, false);
    assertThat(result.rowsRead()).isEqualTo(4);
    assertThat(quarantined(source))
        .isEqualTo(Map.of(4L, "malformed_record", 5L, "parse:stopped_at"));
    Map<String, Row> rows = bronze(source, "stop_id");
    assertThat(rows).containsOnlyKeys("S0000001", "S0000002");
    Row first = rows.get("S0000001");
    assertThat(first.<Timestamp>getAs("stopped_at").toInstant())
        .isEqualTo(Instant.parse("2026-03-10T15:30:00Z"));
    assertThat(first.<String>getAs("registration")).isEqualTo("AB12CDE");
    assertThat(first.<String>getAs("outcome")).isEqualTo("WARNING");
    assertThat(rows.get("S0000002").<String>getAs("outcome")).isEqualTo("ARREST");
    assertThat(first.<Long>getAs("_offset")).isEqualTo(2L);
  }

  @Test
  void xmlRecordsTakeAttributesChildrenAndPaths() {
    SourceContract source = pipelines.source("demo/intel");
    JobResult result = job.run(source, MARCH, false);
    assertThat(result.rowsRead()).isEqualTo(3);
    assertThat(quarantined(source))
        .isEqualTo(Map.of(10L, "required:submitted_at", 14L, "out_of_area"));
    Row report = bronze(source, "report_id").get("IR-1");
    assertThat(report.<String>getAs("grading")).isEqualTo("B2");
    assertThat(report.<String>getAs("text")).isEqualTo("Vehicle seen at <the> yard & left");
    assertThat(report.<Double>getAs("easting")).isEqualTo(528000.5);
    assertThat(report.<Boolean>getAs("soc")).isTrue();
    assertThat(report.<Long>getAs("_offset")).isEqualTo(4L);
    assertThat(report.<Timestamp>getAs("submitted_at").toInstant())
        .isEqualTo(Instant.parse("2026-03-10T09:15:00Z"));
  }

  @Test
  void parquetRowsKeepTheirRowNumberAndUndeclaredColumns() throws IOException {
    StructType schema =
        new StructType()
            .add("read_id", DataTypes.StringType)
            .add("read_at", DataTypes.TimestampType)
            .add("vrm", DataTypes.StringType)
            .add("confidence", DataTypes.DoubleType)
            .add("camera", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create(
                "R1",
                Timestamp.from(Instant.parse("2026-03-10T07:00:00Z")),
                "AB12CDE",
                0.97,
                "CAM-7"),
            RowFactory.create(
                "R2",
                Timestamp.from(Instant.parse("2026-03-10T07:05:30Z")),
                "XY99ZZZ",
                0.5,
                "CAM-8"),
            RowFactory.create(
                null,
                Timestamp.from(Instant.parse("2026-03-10T07:06:00Z")),
                "CD34EFG",
                0.9,
                "CAM-8"));
    Path written = dir.resolve("spark-out");
    SharedSpark.session()
        .createDataFrame(rows, schema)
        .coalesce(1)
        .write()
        .parquet(written.toString());
    Path part;
    try (Stream<Path> files = Files.list(written)) {
      part = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Path target = dir.resolve("landing/demo/anpr/anpr_2026-03-10.parquet");
    Files.createDirectories(target.getParent());
    Files.copy(part, target);
    FileTrees.deleteRecursively(written);

    SourceContract source = pipelines.source("demo/anpr");
    JobResult result = job.run(source, MARCH, false);
    assertThat(result.rowsRead()).isEqualTo(3);
    assertThat(quarantined(source)).isEqualTo(Map.of(3L, "required:read_id"));
    Map<String, Row> read = bronze(source, "read_id");
    Row second = read.get("R2");
    assertThat(second.<Timestamp>getAs("read_at").toInstant())
        .isEqualTo(Instant.parse("2026-03-10T07:05:30Z"));
    assertThat(second.<String>getAs("registration")).isEqualTo("XY99ZZZ");
    assertThat(second.<Double>getAs("confidence")).isEqualTo(0.5);
    assertThat(second.<Long>getAs("_offset")).isEqualTo(2L);
    assertThat(second.<String>getAs("_file")).isEqualTo("demo/anpr/anpr_2026-03-10.parquet");
    assertThat(second.<scala.collection.Map<String, String>>getAs("_extra").get("camera").get())
        .isEqualTo("CAM-8");
  }

  @Test
  void excelRowsAreReadByValueWithTheirExcelRowNumber() throws Exception {
    Path file = dir.resolve("landing/demo/seizures/seizures_2026-03-11.xlsx");
    Files.createDirectories(file.getParent());
    try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        var out = Files.newOutputStream(file)) {
      workbook.createSheet("Cover").createRow(0).createCell(0).setCellValue("Drugs unit");
      var sheet = workbook.createSheet("Seizures");
      var dateTime = workbook.createCellStyle();
      dateTime.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
      String[] header = {"REF", "SEIZED", "ITEM", "QUANTITY", "VALUE_GBP"};
      var head = sheet.createRow(0);
      for (int i = 0; i < header.length; i++) {
        head.createCell(i).setCellValue(header[i]);
      }
      var first = sheet.createRow(1);
      first.createCell(0).setCellValue("SZ-1");
      first.createCell(1).setCellValue(java.time.LocalDateTime.of(2026, 3, 10, 14, 30));
      first.getCell(1).setCellStyle(dateTime);
      first.createCell(2).setCellValue("Cannabis");
      first.createCell(3).setCellValue(12);
      first.createCell(4).setCellFormula("D2*10");
      var second = sheet.createRow(2);
      second.createCell(0).setCellValue("SZ-2");
      second.createCell(1).setCellValue(java.time.LocalDateTime.of(2026, 3, 11, 0, 0));
      second.getCell(1).setCellStyle(dateTime);
      second.createCell(2).setCellValue("Cash");
      second.createCell(3).setCellValue(1);
      second.createCell(4).setCellValue(2500.5);
      sheet.createRow(3);
      var third = sheet.createRow(4);
      third.createCell(0).setCellValue("SZ-3");
      third.createCell(1).setCellValue(java.time.LocalDateTime.of(2026, 3, 11, 9, 0));
      third.getCell(1).setCellStyle(dateTime);
      third.createCell(2).setCellValue("Knife");
      third.createCell(3).setCellValue(1);
      third.createCell(4).setCellFormula("1/0");
      workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
      workbook.write(out);
    }
    SourceContract source = pipelines.source("demo/seizures");
    JobResult result = job.run(source, MARCH, false);
    assertThat(result.rowsRead()).isEqualTo(3);
    assertThat(quarantined(source)).isEqualTo(Map.of(5L, "parse:value_gbp"));
    Map<String, Row> rows = bronze(source, "seizure_id");
    Row seized = rows.get("SZ-1");
    assertThat(seized.<Timestamp>getAs("seized_at").toInstant())
        .isEqualTo(Instant.parse("2026-03-10T14:30:00Z"));
    assertThat(seized.<Integer>getAs("quantity")).isEqualTo(12);
    assertThat(seized.<Double>getAs("value_gbp")).isEqualTo(120.0);
    assertThat(seized.<Long>getAs("_offset")).isEqualTo(2L);
    assertThat(rows.get("SZ-2").<Timestamp>getAs("seized_at").toInstant())
        .isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
    assertThat(rows.get("SZ-2").<Double>getAs("value_gbp")).isEqualTo(2500.5);
  }

  @Test
  void shapefileShapesArriveWithTheirAttributesAndRecordNumbers() throws Exception {
    var geometry = new org.locationtech.jts.geom.GeometryFactory();
    java.util.function.Function<double[], org.locationtech.jts.geom.Polygon> polygon =
        xy -> {
          var ring = new org.locationtech.jts.geom.Coordinate[xy.length / 2];
          for (int i = 0; i < ring.length; i++) {
            ring[i] = new org.locationtech.jts.geom.Coordinate(xy[2 * i], xy[2 * i + 1]);
          }
          return geometry.createPolygon(ring);
        };
    var north =
        polygon.apply(
            new double[] {
              520000, 176000, 528000, 176000, 528000, 182000, 520000, 182000, 520000, 176000
            });
    var south =
        polygon.apply(
            new double[] {
              520000, 170000, 528000, 170000, 528000, 176000, 520000, 176000, 520000, 170000
            });
    var bowtie =
        polygon.apply(
            new double[] {
              528000, 170000, 536000, 182000, 536000, 170000, 528000, 182000, 528000, 170000
            });
    org.bluelamp.synth.ShapefileWriter.write(
        dir.resolve("landing/demo/beats/beats"),
        List.of(
            new org.bluelamp.synth.ShapefileWriter.Feature(
                north, java.util.Map.of("BEAT_ID", "N1", "BEAT_NAME", "Église Nord")),
            new org.bluelamp.synth.ShapefileWriter.Feature(
                south, java.util.Map.of("BEAT_ID", "S1", "BEAT_NAME", "South")),
            new org.bluelamp.synth.ShapefileWriter.Feature(
                bowtie, java.util.Map.of("BEAT_ID", "X1", "BEAT_NAME", "Crossed"))));

    SourceContract source = pipelines.source("demo/beats");
    JobResult result = job.run(source, MARCH, false);
    assertThat(result.rowsRead()).isEqualTo(3);
    assertThat(quarantined(source)).isEqualTo(Map.of(3L, "invalid_geometry"));
    Map<String, Row> beats = bronze(source, "area_id");
    assertThat(beats.get("N1").<String>getAs("area_name")).isEqualTo("Église Nord");
    assertThat(beats.get("N1").<Long>getAs("_offset")).isEqualTo(1L);
    assertThat(beats.get("S1").<String>getAs("_file")).isEqualTo("demo/beats/beats.shp");
    var planar =
        new org.locationtech.jts.io.WKBReader().read(beats.get("S1").<byte[]>getAs("geom_planar"));
    assertThat(planar.getArea()).isEqualTo(south.getArea());
    assertThat(
            planar.contains(
                geometry.createPoint(new org.locationtech.jts.geom.Coordinate(524000, 173000))))
        .isTrue();
  }
}
