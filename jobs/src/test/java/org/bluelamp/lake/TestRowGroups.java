package org.bluelamp.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lookup table written with small row groups: the Parquet footers of the Delta table (read with
 * Parquet's own reader) hold many row groups of a sorted key whose min/max ranges follow each other
 * without overlap, which is what lets a reader skip all but one of them; a table written without
 * the option keeps Parquet's single large group.
 */
class TestRowGroups {
  private static final int ROWS = 200_000;

  @Test
  void aSortedTableWrittenWithSmallRowGroupsHasManyDisjointOnes(@TempDir Path dir)
      throws IOException {
    SparkSession spark = SharedSpark.session();
    Lake lake = new Lake(spark, dir.toString());
    TableName small = TableName.of("gold.row_group_probe");
    TableName plain = TableName.of("gold.row_group_default");
    Dataset<Row> keys =
        spark
            .range(ROWS)
            .selectExpr("sha2(cast(id AS string), 256) AS key", "id")
            .repartition(1)
            .sortWithinPartitions("key");

    lake.overwrite(small, keys, 64);
    lake.overwrite(small, keys, 64); // a rebuild keeps the property and the layout

    List<BlockMetaData> groups = rowGroups(dir.resolve("gold/row_group_probe"));
    // 200,000 keys of 64 hex characters are ~13 MB unencoded: far more than 64 KiB a group.
    assertThat(groups).hasSizeGreaterThan(20);
    assertThat(groups.stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(ROWS);
    String previousMax = "";
    for (BlockMetaData group : groups) {
      Statistics<?> key = group.getColumns().get(0).getStatistics();
      assertThat(key.minAsString()).isGreaterThan(previousMax);
      previousMax = key.maxAsString();
    }
    assertThat(lake.read(small).count()).isEqualTo(ROWS);

    lake.overwrite(plain, keys);
    assertThat(rowGroups(dir.resolve("gold/row_group_default"))).hasSize(1);
  }

  /** The row groups of the table's current data file (the writes above leave one). */
  private static List<BlockMetaData> rowGroups(Path table) throws IOException {
    String[] current =
        SharedSpark.session().read().format("delta").load(table.toString()).inputFiles();
    assertThat(current).hasSize(1);
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(current[0]), new Configuration()))) {
      return reader.getFooter().getBlocks();
    }
  }
}
