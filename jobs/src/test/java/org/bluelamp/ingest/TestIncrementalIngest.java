package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
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

/** Files arrive over time: new ones are read once, changed ones again, drift is handled. */
class TestIncrementalIngest {
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/brussels");
  private static final Charset LATIN1 = Charset.forName("ISO-8859-1");
  private static final Interval MARCH =
      new Interval(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
  private static final String HEADER =
      "Numéro;Date de l'appel;Nature;Montant;Lambert X;Lambert Y;Remarque";

  @TempDir Path dir;
  private Path calls;
  private IngestJob job;
  private Lake lake;
  private SourceContract source;

  @BeforeEach
  void setUp() {
    Pipelines pipelines = Pipelines.load(FIXTURE.resolve("pipelines"));
    source = pipelines.source("zone/appels");
    calls = dir.resolve("landing/zone/appels");
    lake = new Lake(SharedSpark.session(), dir.resolve("lake").toString());
    job =
        new IngestJob(
            lake,
            pipelines,
            new Landing(
                dir.resolve("landing").toString(),
                SharedSpark.session().sparkContext().hadoopConfiguration()),
            Progress.silent(),
            new Connections(Map.of()));
  }

  private void land(String day, String... rows) throws IOException {
    Files.createDirectories(calls);
    Path file = calls.resolve("appels_" + day + ".csv");
    Files.writeString(file, HEADER + "\n" + String.join("\n", rows) + "\n", LATIN1);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
  }

  @Test
  void aFileIsReadOnceAndAgainOnlyWhenItChanges() throws IOException {
    land("2026-03-10", "B-1;10/03/2026 10:00;VOL;1,00;149000;170500;");
    assertThat(job.run(source, MARCH, false).rowsRead()).isEqualTo(1);
    land("2026-03-11", "B-2;11/03/2026 10:00;VOL;2,00;149000;170500;");
    JobResult second = job.run(source, MARCH, false);
    assertThat(second.rowsRead()).as("only the new file").isEqualTo(1);
    assertThat(job.run(source, MARCH, false).rowsRead()).as("nothing new").isZero();
    land(
        "2026-03-10",
        "B-1;10/03/2026 10:00;VOL;1,00;149000;170500;",
        "B-3;10/03/2026 11:00;AGR;3,00;149000;170500;");
    assertThat(job.run(source, MARCH, false).rowsRead()).as("the changed file").isEqualTo(2);
    assertThat(job.run(source, MARCH, true).rowsRead()).as("a backfill").isEqualTo(3);
    assertThat(lake.read(TableName.bronze(source.id())).count()).isEqualTo(3);
    assertThat(lake.read(Tables.INGESTED_FILES).count()).isEqualTo(2);
  }

  @Test
  void aCorrectedFileTakesItsRecordsOutOfQuarantine() throws IOException {
    land("2026-03-10", "B-1;10/03/2026 10:00;XYZ;1,00;149000;170500;");
    job.run(source, MARCH, false);
    assertThat(lake.read(Tables.QUARANTINE).count()).isEqualTo(1);
    land("2026-03-10", "B-1;10/03/2026 10:00;VOL;1,00;149000;170500; corrigé");
    JobResult corrected = job.run(source, MARCH, false);
    assertThat(corrected.rowsQuarantined()).isZero();
    assertThat(lake.read(Tables.QUARANTINE).count()).isZero();
  }

  @Test
  void aNewColumnIsKeptReportedAndDoesNotFailTheBatch() throws IOException {
    Files.createDirectories(calls);
    Files.writeString(
        calls.resolve("appels_2026-03-12.csv"),
        HEADER + ";Agent\nB-9;12/03/2026 09:00;VOL;1,00;149000;170500;;INP-42\n",
        LATIN1);
    JobResult result = job.run(source, MARCH, false);
    assertThat(result.rowsAccepted()).isEqualTo(1);
    Row row = lake.read(TableName.bronze(source.id())).first();
    assertThat(row.<scala.collection.Map<String, String>>getAs("_extra").get("Agent").get())
        .isEqualTo("INP-42");
    List<Row> changes = lake.read(Tables.SCHEMA_CHANGES).collectAsList();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).<String>getAs("column")).isEqualTo("Agent");
    assertThat(changes.get(0).<String>getAs("first_file"))
        .isEqualTo("zone/appels/appels_2026-03-12.csv");
  }

  @Test
  void aColumnWhoseEveryValueFailsHasChangedTypeAndFailsTheBatch() throws IOException {
    land(
        "2026-03-13",
        "B-1;2026-03-13T10:00:00Z;VOL;1,00;149000;170500;",
        "B-2;2026-03-13T11:00:00Z;VOL;1,00;149000;170500;",
        "B-3;2026-03-13T12:00:00Z;VOL;1,00;149000;170500;");
    assertThatThrownBy(() -> job.run(source, MARCH, false))
        .hasMessageContaining(
            "column Date de l'appel no longer holds timestamp (dd/MM/yyyy HH:mm) values")
        .hasMessageContaining("'2026-03-13T10:00:00Z' at zone/appels/appels_2026-03-13.csv line 2");
    assertThat(lake.exists(TableName.bronze(source.id()))).isFalse();
    assertThat(lake.exists(Tables.INGESTED_FILES))
        .as("a failed batch is read again next time")
        .isFalse();
  }

  @Test
  void aFewBadValuesAreOrdinaryDefects() throws IOException {
    land(
        "2026-03-14",
        "B-1;14/03/2026 10:00;VOL;1,00;149000;170500;",
        "B-2;2026-03-14T11:00:00Z;VOL;1,00;149000;170500;");
    JobResult result = job.run(source, MARCH, false);
    assertThat(result.rowsQuarantined()).isEqualTo(1);
    assertThat(
            lake.read(Tables.QUARANTINE).filter(col("rule").equalTo("parse:received_at")).count())
        .isEqualTo(1);
    assertThat(Map.of("read", result.rowsRead())).containsEntry("read", 2L);
  }
}
