package org.bluelamp.lake;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The one place a SparkSession is configured: Delta, Sedona, Kryo and sane local defaults. */
public final class Sessions {
  private Sessions() {}

  /**
   * A session on this machine. The master defaults to {@code local[*]}; spark-submit's master wins
   * when one is set.
   */
  public static SparkSession create(String appName, String warehouseDir) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .config(
                "spark.sql.extensions",
                "io.delta.sql.DeltaSparkSessionExtension,"
                    + "org.apache.sedona.sql.SedonaSqlExtensions")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .config("spark.kryo.registrator", "org.apache.sedona.core.serde.SedonaKryoRegistrator")
            .config("spark.sql.warehouse.dir", warehouseDir)
            // Every instant is stored in UTC; local times are computed from the force's zone.
            .config("spark.sql.session.timeZone", "UTC")
            // Unparseable dates become NULL (and are then quarantined) instead of failing the job.
            .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.sql.adaptive.enabled", "true")
            // 50 by default: far too many for the small tables of one machine.
            .config("spark.databricks.delta.snapshotPartitions", "2")
            // VACUUM lists files in this many tasks (10,000 by default): two minutes for a tiny
            // table on two cores, a second with 8.
            .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "8")
            // New source columns are accepted by MERGE (schema drift is reported, not fatal).
            .config("spark.databricks.delta.schema.autoMerge.enabled", "true")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false");
    // An object-store lake (s3a://): the store's address from the environment (ObjectStore);
    // explicit spark.hadoop.fs.s3a.* settings win.
    ObjectStore.fromEnvironment()
        .hadoopSettings()
        .forEach(
            (key, value) -> {
              if (!System.getProperties().containsKey("spark.hadoop." + key)) {
                builder.config("spark.hadoop." + key, value);
              }
            });
    // Tables are Delta folders registered by name in the catalog (Lake): the session's own
    // in-memory one, filled from the lake at start-up, or a Hive metastore shared with Trino.
    Metastore.fromEnvironment()
        .map(Metastore::sparkSettings)
        .orElse(Map.of("spark.sql.catalogImplementation", "in-memory"))
        .forEach(builder::config);
    if (!System.getProperties().containsKey("spark.master")) {
      builder
          .master("local[*]")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
      // On one machine most batches are small and every source's queries differ, so compiling
      // generated code for each costs more than running them: ingesting the sample world's 46
      // sources took a third less time interpreted (bench/README.md). A -D system property wins.
      for (String[] setting :
          new String[][] {
            {"spark.sql.codegen.wholeStage", "false"},
            {"spark.sql.codegen.factoryMode", "NO_CODEGEN"}
          }) {
        builder.config(setting[0], System.getProperty(setting[0], setting[1]));
      }
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
