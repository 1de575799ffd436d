package org.bluelamp.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.BluelampException;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.gold.GoldModel;
import org.bluelamp.gold.GoldModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPTIMIZE, VACUUM and checkpoint on a real Delta table written in many small appends: the files
 * are compacted, the rows read are the same, nothing a recent version uses is deleted, and the log
 * has a checkpoint at the last version.
 */
class TestMaintenance {
  @Test
  void smallFilesAreCompactedZOrderedCheckpointedAndNothingRecentIsVacuumed(@TempDir Path dir)
      throws Exception {
    SparkSession spark = SharedSpark.session();
    Lake lake = new Lake(spark, dir.toString());
    TableName table = TableName.of("silver.maintenance_probe");
    for (int batch = 0; batch < 6; batch++) {
      lake.append(
          table,
          spark.sql(
              "SELECT id, 'f' || (id % 3) AS force_id, 'p' || id AS person_key FROM range("
                  + batch * 100
                  + ", "
                  + (batch + 1) * 100
                  + ") ORDER BY id DESC"));
    }
    List<Row> rows = lake.read(table).orderBy("id").collectAsList();
    Maintenance maintenance =
        new Maintenance(
            lake, 168, Map.of(table, List.of("force_id", "person_key")), new Progress(System.out));

    Maintenance.Report report = maintenance.maintainAndRecord(table);

    assertThat(report.filesBefore()).isGreaterThanOrEqualTo(6);
    assertThat(report.filesAfter()).isEqualTo(1);
    assertThat(report.filesRemoved()).isEqualTo(report.filesBefore());
    assertThat(report.filesAdded()).isEqualTo(1);
    assertThat(report.zorderBy()).containsExactly("force_id", "person_key");
    assertThat(report.filesVacuumed()).as("every file is younger than the retention").isZero();
    assertThat(lake.read(table).orderBy("id").collectAsList()).isEqualTo(rows);
    Row history = lake.read(Tables.MAINTENANCE).first();
    assertThat(history.getAs("table_name").toString()).isEqualTo(table.toString());
    assertThat((long) history.getAs("files_after")).isEqualTo(1);
    assertThat(history.getAs("zorder_by").toString()).isEqualTo("force_id,person_key");
    try (Stream<Path> log = Files.list(Path.of(lake.location(table), "_delta_log"))) {
      assertThat(log.map(p -> p.getFileName().toString()))
          .contains(String.format("%020d.checkpoint.parquet", report.checkpointVersion()));
    }
    assertThat(
            Files.list(Path.of(lake.location(table)))
                .filter(p -> p.toString().endsWith(".parquet")))
        .as("files removed by OPTIMIZE stay until the retention passes")
        .hasSizeGreaterThan(1);
  }

  @Test
  void theShippedDeclarationsLoadAndAShortRetentionIsRefused(@TempDir Path dir) {
    Lake lake = new Lake(SharedSpark.session(), dir.toString());
    Maintenance shipped =
        Maintenance.load(
            lake, Repository.pipelines().resolve("maintenance.yaml"), Progress.silent());
    Pipelines pipelines = Pipelines.load(Repository.pipelines());
    List<GoldModel> models = GoldModels.discover(Repository.sql());
    shipped
        .zorder()
        .forEach(
            (table, columns) -> {
              List<String> known =
                  table.schema().equals("silver")
                      ? Stream.concat(
                              pipelines.entities().get(table.table()).columns().stream(),
                              pipelines.entities().get(table.table()).derived().stream())
                          .map(c -> c.name())
                          .toList()
                      : GoldModels.select(models, List.of(table.table())).get(0).columns().stream()
                          .map(GoldModel.Column::name)
                          .toList();
              assertThat(Stream.concat(Stream.of("force_id"), known.stream()))
                  .as("columns of " + table + " (every table has force_id)")
                  .containsAll(columns);
            });
    assertThatThrownBy(() -> new Maintenance(lake, 24, Map.of(), Progress.silent()))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("24 hours");
  }
}
