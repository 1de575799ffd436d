package org.bluelamp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.spark.sql.Row;
import org.bluelamp.Cli;
import org.bluelamp.FileTrees;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.bluelamp.WorldDatabases;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Metastore;
import org.bluelamp.lake.ObjectStore;
import org.bluelamp.lake.TableName;
import org.bluelamp.trino.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster's shape on one machine: executors in JVMs of their own, the lake on an S3-compatible
 * object store and one catalog shared by Spark and Trino. Spark's {@code local-cluster[2,1,1024]}
 * (a master, two workers, one 1 GB executor each, all on loopback) runs the jobs, unchanged; the
 * moto server, started on loopback by {@code infra/embedded/objectstore.sh}, holds {@code
 * s3a://bluelamp-it/lake}; {@code bluelamp metastore} keeps the catalog in PostgreSQL. {@code
 * bluelamp run} of Lebanon's {@link #SOURCES} — JDBC (MariaDB), shapefile, GeoJSON, JSON-lines and
 * CSV sources, every silver entity (those no source of the run feeds, empty), the gold models whose
 * rows could depend on where they are computed ({@link GoldComparison#PORTABILITY_MODELS}) — runs
 * its tasks on both executor JVMs, writes every layer to the store through s3a and creates each
 * table in the metastore; the gold tables equal local mode's; {@code bluelamp serve} starts Trino,
 * which finds every table in the metastore (none to register) and reads the same objects through
 * its native S3 file system. (One run proves both: a cluster and an object store were two runs of
 * the same pipeline, six minutes each.)
 */
class ClusterIT {
  private static final String BUCKET = "bluelamp-it";
  private static final String LAKE = "s3a://" + BUCKET + "/lake";
  private static final String READER = "s3reader";
  private static final Path WORK = Path.of("target", "cluster").toAbsolutePath();

  /**
   * Lebanon's sources of the silver entities the {@link GoldComparison#PORTABILITY_MODELS} read
   * (crimes, incidents, areas, population): one of each reader kind but XML and Excel. Its
   * checkpoints and persons (JSON lines, as the crimes) feed no compared model; each source is
   * 10-45 s of this test on the cluster.
   */
  private static final List<String> SOURCES =
      List.of(
          "lebanon/cad",
          "lebanon/cadastres",
          "lebanon/cazas",
          "lebanon/crimes",
          "lebanon/population",
          "lebanon/sectors");

  private static final Path HOME = WORK.resolve("home");
  private static final String METASTORE_DATABASE = "bluelamp_metastore_test";
  private static final Pattern TASK_EXECUTOR =
      Pattern.compile("\"Event\":\"SparkListenerTaskEnd\".*?\"Executor ID\":\"([^\"]+)\"");
  private static Map<String, String> environment;
  private static int trinoPort;
  private static Process metastore;

  @BeforeAll
  static void startTheStore() throws IOException {
    FileTrees.deleteRecursively(WORK);
    Files.createDirectories(HOME);
    int port = Ports.free(Set.of());
    trinoPort = Ports.free(Set.of(port));
    script("start", Integer.toString(port), WORK.toString(), BUCKET);
    environment = new HashMap<>(WorldDatabases.environment(SampleWorld.DATABASE));
    environment.put("BLUELAMP_HOME", HOME.toString());
    environment.put("BLUELAMP_LAKE", LAKE);
    environment.put(ObjectStore.ENDPOINT, "http://127.0.0.1:" + port);
    environment.put("AWS_ACCESS_KEY_ID", "bluelamp-test");
    environment.put("AWS_SECRET_ACCESS_KEY", "bluelamp-test-secret");
    environment.put("AWS_REGION", "eu-west-2");
    int metastorePort = Ports.free(Set.of(port, trinoPort));
    environment.put(Metastore.URI, "thrift://127.0.0.1:" + metastorePort);
    emptyCatalogDatabase();
    metastore =
        Cli.start(
            List.of(
                "metastore",
                "--port",
                Integer.toString(metastorePort),
                "--database-url",
                "jdbc:postgresql://127.0.0.1:5432/" + METASTORE_DATABASE),
            Map.of(),
            environment,
            WORK.resolve("metastore.log"));
    awaitReady(WORK.resolve("metastore.log"));
  }

  /** Waits for the line {@code bluelamp metastore} prints once it listens. */
  private static void awaitReady(Path log) throws IOException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
    while (!Files.readString(log).contains("metastore listening on thrift://")) {
      if (!metastore.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the metastore did not start:\n" + Files.readString(log));
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A catalog database without the tables of an earlier run (the metastore recreates them). */
  private static void emptyCatalogDatabase() {
    try (Connection postgres =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement statement = postgres.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + METASTORE_DATABASE + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + METASTORE_DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reset " + METASTORE_DATABASE, e);
    }
  }

  @AfterAll
  static void stopEverything() {
    bluelamp("stop.log", "serve", "--stop");
    script("stop", WORK.toString());
    if (metastore != null) {
      metastore.destroy();
    }
  }

  @Test
  void executorJvmsWriteTheLakeThroughS3aAndItsCatalogToTheMetastoreAndTrinoReadsBoth()
      throws Exception {
    SampleWorld world = SampleWorld.built();
    Files.createSymbolicLink(HOME.resolve("world"), world.dir);
    // Spark's launcher builds the executors' command from SPARK_HOME; without a Spark
    // installation, SPARK_TESTING makes it take the class path given here (the executors' logs
    // land in SPARK_HOME/work). The executors inherit the store's keys from the environment.
    Path sparkHome = Files.createDirectories(WORK.resolve("spark-home"));
    Path events = Files.createDirectories(WORK.resolve("events"));
    Map<String, String> cluster =
        Map.of(
            "spark.master", "local-cluster[2,1,1024]",
            "spark.executor.extraClassPath", Cli.classPath(),
            "spark.executor.extraJavaOptions", String.join(" ", Cli.compilerFlags()),
            "spark.executorEnv.SPARK_TESTING", "1",
            "spark.executorEnv.SPARK_SCALA_VERSION", "2.12",
            "spark.eventLog.enabled", "true",
            "spark.eventLog.dir", events.toUri().toString());
    Map<String, String> runEnvironment = new HashMap<>(environment);
    runEnvironment.put("SPARK_HOME", sparkHome.toString());

    assertSucceeded(
        Cli.run(
            GoldComparison.portabilityRun(SOURCES),
            cluster,
            runEnvironment,
            WORK.resolve("run.log")));
    assertEquals(
        Set.of("0", "1"),
        taskExecutors(events),
        "the tasks ran on the two executor JVMs, none in the driver");
    Lake onStore = new Lake(SharedSpark.session(), LAKE);
    bucketSettings(SharedSpark.session().sparkContext().hadoopConfiguration());
    assertTrue(onStore.exists(new TableName("bronze", "lebanon__crimes")), "bronze on the store");
    assertEquals(
        List.of(),
        GoldComparison.differences(
            world.lake, onStore, Set.of("lebanon"), GoldComparison.PORTABILITY_MODELS));

    assertCatalogued(onStore.tables());

    assertSucceeded(bluelamp("user.log", "user", "add", READER, "--role", "engineer"));
    Cli.Result serve = bluelamp("serve.log", "serve", "--port", Integer.toString(trinoPort));
    assertSucceeded(serve);
    assertTrue(
        serve.output().contains("registered 0 new table(s)"),
        "Trino found every table in the shared metastore:\n" + serve.tail());
    Row spark =
        onStore
            .read(new TableName("gold", "crime_counts_daily"))
            .selectExpr("count(*)", "sum(crime_count)")
            .first();
    try (Connection trino = trino();
        Statement statement = trino.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*), sum(crime_count), min(\"$path\")"
                    + " FROM lake.gold.crime_counts_daily")) {
      assertTrue(rows.next());
      assertTrue(spark.getLong(0) > 0, "Lebanon has daily crime counts");
      assertEquals(spark.getLong(0), rows.getLong(1), "rows through Trino");
      assertEquals(spark.getLong(1), rows.getLong(2), "crimes through Trino");
      assertTrue(rows.getString(3).startsWith(LAKE + "/gold/"), rows.getString(3));
    }
  }

  /** The executors that ran tasks, from the Spark event log. */
  private static Set<String> taskExecutors(Path events) throws IOException {
    Set<String> executors = new TreeSet<>();
    try (Stream<Path> files = Files.list(events)) {
      for (Path file : files.toList()) {
        try (Stream<String> lines = Files.lines(file)) {
          lines.forEach(
              line -> {
                Matcher m = TASK_EXECUTOR.matcher(line);
                if (m.find()) {
                  executors.add(m.group(1));
                }
              });
        }
      }
    }
    assertTrue(!executors.isEmpty(), "no task in the event log of " + events);
    return executors;
  }

  /**
   * Every table of the lake is in the metastore, asked over Thrift as Trino and other Spark
   * sessions do, as a Delta table at its place on the store.
   */
  private static void assertCatalogued(List<TableName> tables) throws Exception {
    HiveConf conf = new HiveConf();
    conf.set("hive.metastore.uris", environment.get(Metastore.URI));
    HiveMetaStoreClient client = new HiveMetaStoreClient(conf);
    try {
      assertTrue(tables.size() > 30, "the lake has every layer: " + tables);
      for (TableName name : tables) {
        Table table = client.getTable(name.schema(), name.table());
        assertEquals("delta", table.getParameters().get("spark.sql.sources.provider"), name + "");
        assertEquals(
            Lake.location(LAKE, name),
            table.getSd().getSerdeInfo().getParameters().get("path"),
            name + " location");
      }
    } finally {
      client.close();
    }
  }

  /** The store's address and keys for this bucket only, in the shared session's Hadoop setup. */
  private static void bucketSettings(Configuration conf) {
    Map<String, String> settings = new HashMap<>();
    settings.putAll(ObjectStore.fromEnvironment(environment).hadoopSettings());
    settings.put("fs.s3a.access.key", environment.get("AWS_ACCESS_KEY_ID"));
    settings.put("fs.s3a.secret.key", environment.get("AWS_SECRET_ACCESS_KEY"));
    settings.forEach(
        (key, value) -> conf.set(key.replace("fs.s3a.", "fs.s3a.bucket." + BUCKET + "."), value));
  }

  private static Connection trino() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", READER);
    return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + trinoPort + "/lake", properties);
  }

  private static Cli.Result bluelamp(String log, String... args) {
    return Cli.run(List.of(args), Map.of(), environment, WORK.resolve(log));
  }

  private static void assertSucceeded(Cli.Result result) {
    assertEquals(0, result.exitCode(), "bluelamp failed:\n" + result.tail());
  }

  private static void script(String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add("bash");
    command.add(Repository.root().resolve("infra/embedded/objectstore.sh").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).inheritIO().start();
      assertEquals(0, process.waitFor(), "objectstore.sh " + String.join(" ", args));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
