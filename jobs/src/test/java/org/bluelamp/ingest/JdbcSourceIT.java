package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JDBC sources against the real PostgreSQL and MariaDB of this machine (loopback): incremental
 * loads by watermark, updates won by the sequence, corrected rows released from quarantine, and
 * reruns and backfills that change nothing. The test creates its own schema, bluelamp_it.
 */
class JdbcSourceIT {
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/jdbc/pipelines");
  private static final Interval ANY =
      new Interval(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1));
  private static final Map<String, Map<String, String>> SERVERS =
      Map.of(
          "pg",
          Map.of(
              "BLUELAMP_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres",
              "BLUELAMP_IT_PG_USER", "postgres"),
          "maria",
          Map.of(
              "BLUELAMP_IT_MARIA_URL", "jdbc:mariadb://127.0.0.1:3306/test",
              "BLUELAMP_IT_MARIA_USER", "root",
              "BLUELAMP_IT_MARIA_PASSWORD", ""));

  @TempDir Path dir;

  private static void execute(Map<String, String> server, String db, String... statements)
      throws Exception {
    String prefix = "BLUELAMP_IT_" + db.toUpperCase() + "_";
    try (Connection connection =
            DriverManager.getConnection(
                server.get(prefix + "URL"),
                server.get(prefix + "USER"),
                server.getOrDefault(prefix + "PASSWORD", null));
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static String row(int id, String offence, String amount, String updated) {
    return "("
        + id
        + ", 'C-"
        + id
        + "', '"
        + offence
        + "', '"
        + amount
        + "', '2026-03-10 09:00:00', '"
        + updated
        + "', 'NTH')";
  }

  @ParameterizedTest
  @ValueSource(strings = {"pg", "maria"})
  void incrementalLoadsUpdatesCorrectionsAndReruns(String db) throws Exception {
    Map<String, String> server = SERVERS.get(db);
    String timestamp = db.equals("pg") ? "timestamp" : "datetime";
    execute(
        server,
        db,
        db.equals("pg")
            ? "CREATE SCHEMA IF NOT EXISTS bluelamp_it"
            : "CREATE DATABASE IF NOT EXISTS bluelamp_it",
        "DROP TABLE IF EXISTS bluelamp_it.crimes",
        "CREATE TABLE bluelamp_it.crimes (id bigint primary key, crime_ref varchar(20),"
            + " offence varchar(10), amount varchar(20), reported "
            + timestamp
            + ", updated_at "
            + timestamp
            + ", station varchar(10))");
    StringBuilder first = new StringBuilder("INSERT INTO bluelamp_it.crimes VALUES ");
    for (int id = 1; id <= 10; id++) {
      String amount = id == 7 ? "abc" : "1.5";
      String offence = id == 8 ? "999/99" : id % 2 == 0 ? "028/01" : "034/01";
      first.append(id == 1 ? "" : ", ").append(row(id, offence, amount, "2026-03-10 10:00:00"));
    }
    execute(server, db, first.toString());

    Pipelines pipelines = Pipelines.load(FIXTURE);
    SourceContract source = pipelines.source("demo/crimes_" + db);
    Lake lake = new Lake(SharedSpark.session(), dir.resolve("lake").toString());
    IngestJob job =
        new IngestJob(
            lake,
            pipelines,
            new Landing(
                dir.resolve("landing").toString(),
                SharedSpark.session().sparkContext().hadoopConfiguration()),
            Progress.silent(),
            new Connections(server));

    JobResult initial = job.run(source, ANY, false);
    assertThat(initial.rowsRead()).isEqualTo(10);
    assertThat(initial.rowsQuarantined()).isEqualTo(2);
    assertThat(quarantinedKeys(lake, source))
        .containsOnly("parse:amount", "code_list:offence_code");
    assertThat(lake.read(TableName.bronze(source.id())).count()).isEqualTo(8);
    assertThat(job.run(source, ANY, false).rowsRead()).as("nothing new").isZero();

    execute(
        server,
        db,
        "UPDATE bluelamp_it.crimes SET amount = '2.5', updated_at = '2026-03-11 10:00:00' WHERE id = 1",
        "UPDATE bluelamp_it.crimes SET amount = '7.0', updated_at = '2026-03-11 10:00:00' WHERE id = 7",
        "INSERT INTO bluelamp_it.crimes VALUES " + row(11, "028/01", "3.0", "2026-03-11 10:00:00"));
    JobResult next = job.run(source, ANY, false);
    assertThat(next.rowsRead()).as("the updated, corrected and new rows").isEqualTo(3);
    assertThat(next.rowsQuarantined()).isZero();
    assertThat(quarantinedKeys(lake, source)).containsExactly("code_list:offence_code");
    Map<String, Row> bronze = bronze(lake, source);
    assertThat(bronze).hasSize(10).containsKeys("C-7", "C-11");
    assertThat(bronze.get("C-1").<Double>getAs("amount")).isEqualTo(2.5);
    assertThat(bronze.get("C-1").<String>getAs("crime_category")).isEqualTo("robbery");
    assertThat(bronze.get("C-1").<String>getAs("_file"))
        .isEqualTo("jdbc:it_" + db + "/bluelamp_it.crimes");
    assertThat(
            bronze
                .get("C-1")
                .<scala.collection.Map<String, String>>getAs("_extra")
                .get("station")
                .get())
        .isEqualTo("NTH");

    List<Row> before = lake.read(TableName.bronze(source.id())).orderBy("crime_id").collectAsList();
    JobResult backfill = job.run(source, ANY, true);
    assertThat(backfill.rowsRead()).isEqualTo(11);
    assertThat(lake.read(TableName.bronze(source.id())).orderBy("crime_id").collectAsList())
        .isEqualTo(before);
    assertThat(quarantinedKeys(lake, source)).containsExactly("code_list:offence_code");
  }

  private static List<String> quarantinedKeys(Lake lake, SourceContract source) {
    return lake
        .read(Tables.QUARANTINE)
        .filter(col("_source").equalTo(source.id()))
        .collectAsList()
        .stream()
        .map(r -> r.<String>getAs("rule"))
        .toList();
  }

  private static Map<String, Row> bronze(Lake lake, SourceContract source) {
    return lake.read(TableName.bronze(source.id())).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("crime_id"), r -> r));
  }
}
