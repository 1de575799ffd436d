package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.bluelamp.BluelampException;
import org.bluelamp.Progress;
import org.bluelamp.SharedSpark;
import org.bluelamp.cli.Runner;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.JobRuns;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a hand-made Brussels extract (fixtures/brussels): Latin-1, semicolons, decimal
 * commas, French headers, Lambert 72, a quoted multi-line field, and one record per defect kind.
 * Every expectation below was worked out by hand from the fixture file.
 */
class TestIngestJob {
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/brussels");
  private static final String FILE = "zone/appels/appels_2026-03-15.csv";
  private static final Interval MARCH =
      new Interval(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));

  @TempDir Path dir;
  private Pipelines pipelines;
  private Lake lake;
  private IngestJob job;

  @BeforeEach
  void setUp() {
    pipelines = Pipelines.load(FIXTURE.resolve("pipelines"));
    lake = new Lake(SharedSpark.session(), dir.resolve("lake").toString());
    job = new IngestJob(lake, pipelines, landing(), Progress.silent(), new Connections(Map.of()));
  }

  private Landing landing() {
    return new Landing(
        FIXTURE.resolve("landing").toAbsolutePath().toString(),
        SharedSpark.session().sparkContext().hadoopConfiguration());
  }

  @Test
  void eachDefectIsQuarantinedOnItsLineWithItsRule() {
    JobResult result = job.run(pipelines.source("zone/appels"), MARCH, false);
    Map<Long, String> quarantined =
        lake.read(Tables.QUARANTINE).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<Long>getAs("_offset"), r -> r.<String>getAs("rule")));
    assertThat(quarantined)
        .isEqualTo(
            Map.of(
                4L, "parse:received_at",
                5L, "code_list:nature",
                6L, "malformed_record",
                7L, "missing_location",
                8L, "duplicate_record",
                9L, "parse:amount",
                13L, "out_of_area"));
    assertThat(result.rowsRead()).isEqualTo(11);
    assertThat(result.rowsQuarantined()).isEqualTo(7);
    assertThat(result.rowsAccepted()).isEqualTo(4);
    assertThat(result.rowsWritten()).isEqualTo(4);
    assertThat(result.ruleFailures()).containsEntry("modest_amount", 1L);
  }

  @Test
  void reasonsNameTheValueTheColumnAndTheExpectedForm() {
    job.run(pipelines.source("zone/appels"), MARCH, false);
    Row badDate = lake.read(Tables.QUARANTINE).filter(col("_offset").equalTo(4)).first();
    assertThat((String) badDate.getAs("_file")).isEqualTo(FILE);
    assertThat((String) badDate.getAs("column")).isEqualTo("Date de l'appel");
    assertThat((String) badDate.getAs("reason"))
        .isEqualTo("'32/03/2026 10:00' is not a valid timestamp in the format dd/MM/yyyy HH:mm");
    Row malformed = lake.read(Tables.QUARANTINE).filter(col("_offset").equalTo(6)).first();
    assertThat((String) malformed.getAs("reason"))
        .isEqualTo("expected 7 fields (the header's), found 3");
    assertThat((String) malformed.getAs("record")).isEqualTo("A-005;15/03/2026 11:00;VOL");
    Row duplicate = lake.read(Tables.QUARANTINE).filter(col("_offset").equalTo(8)).first();
    assertThat((String) duplicate.getAs("reason"))
        .isEqualTo("same key and sequence as " + FILE + " line 2");
  }

  @Test
  void acceptedValuesAreTypedDecodedAndInUtc() {
    job.run(pipelines.source("zone/appels"), MARCH, false);
    Map<String, Row> rows =
        lake.read(IngestJob.bronzeTable(pipelines.source("zone/appels"))).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("appel_id"), r -> r));
    assertThat(rows).containsOnlyKeys("A-001", "A-002", "A-008", "A-009");
    Row first = rows.get("A-001");
    // 10:00 in Brussels in winter (UTC+1) is 09:00 UTC; in summer (30 March, UTC+2) 08:00 UTC.
    assertThat(first.<java.sql.Timestamp>getAs("received_at").toInstant())
        .isEqualTo(Instant.parse("2026-03-15T09:00:00Z"));
    assertThat(rows.get("A-008").<java.sql.Timestamp>getAs("received_at").toInstant())
        .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    assertThat(first.<Double>getAs("amount")).isEqualTo(12.5);
    assertThat(rows.get("A-002").<Double>getAs("amount")).isEqualTo(1234.5);
    assertThat(first.<String>getAs("remark")).isEqualTo("Rue de l'Étuve");
    assertThat(first.<String>getAs("nature_label")).isEqualTo("Vol");
    assertThat(rows.get("A-008").<String>getAs("remark")).isEqualTo("Place; Fontainas");
    assertThat(rows.get("A-009").<String>getAs("remark")).isEqualTo("sur deux\nlignes");
    assertThat(rows.get("A-009").<Long>getAs("_offset")).isEqualTo(11L);
    // Lambert 72 (149000, 170500) is in central Brussels; planar metres are kept as given.
    assertThat(first.<Double>getAs("x_m")).isEqualTo(149000.0);
    assertThat(first.<Double>getAs("lon")).isCloseTo(4.35, within(0.05));
    assertThat(first.<Double>getAs("lat")).isCloseTo(50.84, within(0.05));
    assertThat(first.<String>getAs("_source")).isEqualTo("zone__appels");
  }

  @Test
  void coverageCountsCompletenessAndValidityPerColumn() {
    job.run(pipelines.source("zone/appels"), MARCH, false);
    SourceCoverage.update(lake, List.of(pipelines.source("zone/appels")));
    Map<String, Row> coverage =
        lake.read(Tables.SOURCE_COVERAGE).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("column"), r -> r));
    // 4 accepted records; each had one invalid value (worked by hand).
    assertThat(coverage.get("appel_id").<Double>getAs("completeness")).isEqualTo(1.0);
    assertThat(coverage.get("remark").<Long>getAs("present")).isEqualTo(3L);
    assertThat(coverage.get("remark").<Double>getAs("completeness")).isEqualTo(0.75);
    for (String column : List.of("received_at", "nature", "amount")) {
      assertThat(coverage.get(column).<Long>getAs("invalid")).as(column).isEqualTo(1L);
      assertThat(coverage.get(column).<Double>getAs("validity")).as(column).isEqualTo(0.8);
    }
    assertThat(coverage.get("x").<Long>getAs("invalid")).isZero();
    assertThat(coverage.get("received_at").<String>getAs("last_file")).isEqualTo(FILE);
  }

  @Test
  void aFailRuleStopsTheBatchNamingFileLineAndRule() {
    assertThatThrownBy(() -> job.run(pipelines.source("zone/montants"), MARCH, false))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("Source zone__montants: rule 'modest_amount' (action: fail)")
        .hasMessageContaining(FILE + " line 3")
        .hasMessageContaining("1 record(s) failed");
    assertThat(lake.exists(IngestJob.bronzeTable(pipelines.source("zone/montants")))).isFalse();
  }

  @Test
  void aMissingColumnFailsItsSourceAndTheOtherSourcesGoOn() {
    assertThatThrownBy(() -> job.run(pipelines.source("zone/agents"), MARCH, false))
        .hasMessageContaining("file " + FILE + " lacks required column(s) [Agent]");
    Runner.Outcome outcome =
        new Runner(
                lake,
                pipelines,
                landing(),
                dir,
                Progress.silent(),
                new JobRuns(lake, UUID.randomUUID().toString()),
                new Connections(Map.of()),
                SharedSpark.PSEUDONYMS)
            .run(
                List.of(pipelines.source("zone/agents"), pipelines.source("zone/appels")),
                List.of(Runner.Layer.BRONZE),
                MARCH,
                false);
    assertThat(outcome.failures()).hasSize(1).allMatch(f -> f.startsWith("bronze.zone__agents"));
    // The coverage job covers the source that was read.
    assertThat(outcome.results())
        .extracting(JobResult::target)
        .containsExactly("bronze.zone__appels", Tables.SOURCE_COVERAGE.toString());
    assertThat(lake.read(Tables.SOURCE_COVERAGE).select("source").distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("zone__appels");
    List<Row> runs = lake.read(Tables.JOB_RUNS).orderBy("target").collectAsList();
    assertThat(runs)
        .extracting(r -> r.<String>getAs("status"))
        .containsExactly("failed", "succeeded", "succeeded");
    assertThat(runs.get(0).<String>getAs("error")).contains("[Agent]");
  }

  @Test
  void filesOutsideTheIntervalAreNotRead() throws Exception {
    JobResult result =
        job.run(
            pipelines.source("zone/appels"),
            new Interval(LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 17)),
            false);
    assertThat(result.rowsRead()).isZero();
    assertThat(Files.exists(dir.resolve("lake/bronze/zone__appels"))).isFalse();
  }
}
