package org.bluelamp.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table names are the session's: after a second lake writes a table, SQL by name reads that lake's
 * table, and the first lake's data is untouched.
 */
class TestLakeCatalog {
  @Test
  void aNameFollowsTheLakeThatWroteItLastAndNoDataIsLost(
      @TempDir Path first, @TempDir Path second) {
    SparkSession spark = SharedSpark.session();
    TableName name = TableName.of("silver.catalog_probe");
    Lake one = new Lake(spark, first.toString());
    Lake two = new Lake(spark, second.toString());
    one.overwrite(name, spark.sql("SELECT 1 AS id"));
    assertThat(spark.sql("SELECT sum(id) FROM " + name).first().getLong(0)).isEqualTo(1);
    two.overwrite(name, spark.sql("SELECT 2 AS id UNION ALL SELECT 3"));
    assertThat(spark.sql("SELECT sum(id) FROM " + name).first().getLong(0)).isEqualTo(5);
    assertThat(one.read(name).count()).isEqualTo(1);
    one.register(name);
    assertThat(spark.sql("SELECT sum(id) FROM " + name).first().getLong(0)).isEqualTo(1);
  }
}
