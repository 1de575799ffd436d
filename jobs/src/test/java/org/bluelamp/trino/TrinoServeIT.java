package org.bluelamp.trino;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Cli;
import org.bluelamp.Progress;
import org.bluelamp.ServedWorld;
import org.bluelamp.SharedSpark;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.pipeline.SampleWorld;
import org.bluelamp.security.AccessRules;
import org.bluelamp.synth.Truth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Trino 476 server, started through the code path of `bluelamp serve`, serving the sample
 * world's lake to an engineer; its answers must equal Spark's and the generator's truth.
 */
class TrinoServeIT {
  private static ServedWorld served;
  private static SampleWorld world;
  private static Connection connection;

  @BeforeAll
  static void serve() throws Exception {
    served = ServedWorld.get();
    world = served.world;
    connection = served.connect(ServedWorld.ENGINEER);
  }

  @AfterAll
  static void close() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }

  private static Map<String, Long> longsByKey(String sql) throws SQLException {
    Map<String, Long> result = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        result.put(String.valueOf(rows.getString(1)), rows.getLong(2));
      }
    }
    return result;
  }

  @Test
  void crimeCountsPerWardThroughTrinoEqualSparkAndTheTruth() throws SQLException {
    Map<String, Long> viaTrino =
        longsByKey(
            "SELECT ward_id, sum(crime_count) FROM lake.gold.crime_counts_daily"
                + " WHERE force_id = 'england' GROUP BY ward_id");
    Map<String, Long> viaSpark = new HashMap<>();
    for (Row row :
        world
            .lake
            .read(TableName.of("gold.crime_counts_daily"))
            .filter(col("force_id").equalTo("england"))
            .groupBy("ward_id")
            .agg(sum("crime_count"))
            .collectAsList()) {
      viaSpark.put(String.valueOf(row.getString(0)), row.getLong(1));
    }
    Map<String, Long> truth = new HashMap<>();
    for (Truth.DailyCount count : world.truth("england").crimeCountsDaily()) {
      truth.merge(String.valueOf(count.wardId()), count.count(), Long::sum);
    }
    assertThat(viaTrino).isEqualTo(viaSpark).isEqualTo(truth);
  }

  @Test
  void theConformedModelsGoldTablesAreServedAsBuilt() throws SQLException {
    Map<String, Long> viaTrino =
        longsByKey(
            "SELECT iccs_level1 || '/' || month_text, sum(crime_count) FROM (SELECT iccs_level1,"
                + " CAST(month AS varchar) AS month_text, crime_count"
                + " FROM lake.gold.crossforce_iccs_monthly WHERE area_type = 'force') GROUP BY 1");
    Map<String, Long> viaSpark = new HashMap<>();
    for (Row row :
        world
            .lake
            .read(TableName.of("gold.crossforce_iccs_monthly"))
            .filter(col("area_type").equalTo("force"))
            .groupBy(col("iccs_level1"), col("month").cast("string"))
            .agg(sum("crime_count"))
            .collectAsList()) {
      viaSpark.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
    }
    assertThat(viaTrino).isNotEmpty().isEqualTo(viaSpark);
    Map<String, Long> errors =
        longsByKey(
            "SELECT category, sum(errors) FROM lake.gold.dq_coding_errors_weekly GROUP BY 1");
    assertThat(errors).containsKeys("invalid_value", "missing_location", "outside_force_area");
    assertThat(longsByKey("SELECT 'n', count(*) FROM lake.gold.crime_iccs_coverage WHERE mapped"))
        .containsEntry(
            "n", (long) world.lake.read(TableName.of("gold.crime_iccs_coverage")).count());
  }

  @Test
  void compstatAndTheMayorsWeeklyAreServedAsBuilt() throws SQLException {
    Map<String, Long> viaTrino =
        longsByKey(
            "SELECT measure || '/' || CAST(week_start AS varchar), week_count"
                + " FROM lake.gold.compstat_weekly WHERE area_type = 'force'");
    Map<String, Long> viaSpark = new HashMap<>();
    for (Row row :
        world
            .lake
            .read(TableName.of("gold.compstat_weekly"))
            .filter(col("area_type").equalTo("force"))
            .select(col("measure"), col("week_start").cast("string"), col("week_count"))
            .collectAsList()) {
      viaSpark.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
    }
    assertThat(viaTrino).isNotEmpty().isEqualTo(viaSpark);
    Map<String, Long> published =
        longsByKey(
            "SELECT this_week, count(*) FROM lake.gold.mayor_weekly"
                + " WHERE this_week IN ('1', '2', '3', '4', '[c]') GROUP BY 1");
    assertThat(published).containsOnlyKeys("[c]");
  }

  @Test
  void hotspotCellsThroughTrinoEqualSpark() throws SQLException {
    Map<String, Long> viaTrino =
        longsByKey(
            "SELECT event_type || ':' || CAST(h3_cell AS varchar), sum(event_count)"
                + " FROM lake.gold.hotspot_h3 GROUP BY 1");
    Map<String, Long> viaSpark = new HashMap<>();
    for (Row row :
        world
            .lake
            .read(TableName.of("gold.hotspot_h3"))
            .groupBy(col("event_type"), col("h3_cell"))
            .agg(sum("event_count"))
            .collectAsList()) {
      viaSpark.put(row.getString(0) + ":" + row.getLong(1), row.getLong(2));
    }
    assertThat(viaTrino).hasSizeGreaterThan(100).isEqualTo(viaSpark);
  }

  @Test
  void jobRunsAreServedAndReconcile() throws SQLException {
    Map<String, Long> read =
        longsByKey(
            "SELECT target, max(rows_read) FROM lake.ops.job_runs WHERE job = 'ingest'"
                + " AND rows_read = rows_accepted + rows_quarantined GROUP BY target");
    assertThat(world.sources).hasSizeGreaterThan(40);
    for (var source : world.sources) {
      assertThat(read.get("bronze." + source.id()))
          .as(source.id())
          .isEqualTo(world.truth(source.force()).sources().get(source.id()).records());
    }
  }

  @Test
  void newTablesAreRegisteredGrantedByLayerAndLaterWritesAreVisibleAtOnce() throws SQLException {
    StructType schema = new StructType().add("n", DataTypes.IntegerType);
    TableName probe = TableName.of("gold.it_probe");
    world.lake.overwrite(
        probe, SharedSpark.session().createDataFrame(List.of(RowFactory.create(1)), schema));
    TrinoServer trino = served.trino;
    assertThat(TrinoTables.registerLake(trino, world.lake.root(), Progress.silent())).isEqualTo(1);
    AccessRules.Rules rules = served.access.sync(trino, Progress.silent());
    assertThat(rules.granted().get("engineer")).contains(probe);
    assertThat(rules.skipped())
        .contains(
            "analyst / gold.it_probe: no force_id column, so it cannot be scoped to the"
                + " user's forces");
    assertThat(longsByKey("SELECT 'n', count(*) FROM lake.gold.it_probe")).containsEntry("n", 1L);
    world.lake.overwrite(
        probe,
        SharedSpark.session()
            .createDataFrame(
                List.of(RowFactory.create(1), RowFactory.create(2), RowFactory.create(3)), schema));
    assertThat(TrinoTables.registerLake(trino, world.lake.root(), Progress.silent())).isZero();
    assertThat(longsByKey("SELECT 'n', count(*) FROM lake.gold.it_probe")).containsEntry("n", 3L);
  }

  @Test
  void registerTellsAnExistingTrinoOfTheTablesOfALakeByItsUrl() throws Exception {
    Path lakeRoot = Files.createTempDirectory("bluelamp-register");
    Lake lake = new Lake(SharedSpark.session(), lakeRoot.toString());
    StructType schema = new StructType().add("n", DataTypes.IntegerType);
    lake.overwrite(
        TableName.of("gold.it_register_probe"),
        SharedSpark.session()
            .createDataFrame(List.of(RowFactory.create(1), RowFactory.create(2)), schema));
    Cli.Result register =
        Cli.run(
            List.of(
                "register", "--trino", served.trino.jdbcUrl(), "--user", TrinoServer.SERVICE_USER),
            Map.of(),
            Map.of("BLUELAMP_LAKE", lakeRoot.toString(), "BLUELAMP_HOME", lakeRoot.toString()),
            Path.of("target", "register.log"));
    assertThat(register.exitCode()).as(register.tail()).isZero();
    assertThat(register.output()).contains("registered 1 new table(s); 1 served");
    try (Connection service = served.trino.connectAsService();
        Statement statement = service.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT count(*), min(\"$path\") FROM lake.gold.it_register_probe")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isEqualTo(2);
        assertThat(rows.getString(2)).contains(lakeRoot + "/gold/it_register_probe/");
      }
      statement.execute("CALL lake.system.unregister_table('gold', 'it_register_probe')");
    }
  }

  @Test
  void accessRulesExportedForATrinoOfOnesOwnAreTheOnesServeEnforces() throws Exception {
    TrinoServer trino = served.trino;
    served.access.sync(trino, Progress.silent());
    Path out = Path.of("target", "access-rules").toAbsolutePath();
    Cli.Result export =
        Cli.run(
            List.of(
                "access-rules",
                "--trino",
                trino.jdbcUrl(),
                "--user",
                TrinoServer.SERVICE_USER,
                "--out",
                out.toString()),
            Map.of(),
            Map.of(),
            Path.of("target", "access-rules.log"));
    assertThat(export.exitCode()).as(export.tail()).isZero();
    assertThat(Files.readString(out.resolve(AuthFiles.RULES)))
        .isEqualTo(Files.readString(trino.auth().path(AuthFiles.RULES)));
    assertThat(Files.readString(out.resolve(AuthFiles.GROUPS)))
        .isEqualTo(Files.readString(trino.auth().path(AuthFiles.GROUPS)))
        .contains("analyst:" + ServedWorld.ANALYST);
  }
}
