package org.bluelamp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bluelamp.Cli;
import org.bluelamp.FileTrees;
import org.bluelamp.SharedSpark;
import org.bluelamp.WorldDatabases;
import org.bluelamp.lake.Lake;
import org.junit.jupiter.api.Test;

/**
 * The jobs, unchanged, on a Spark cluster whose executors are separate JVMs: Spark's {@code
 * local-cluster[2,1,1024]} (a master, two workers, one 1 GB executor each, all on loopback) runs
 * {@code bluelamp run --force lebanon} over the sample world — JDBC (MariaDB), shapefile, GeoJSON,
 * JSON-lines and CSV sources, every silver entity and the gold models whose rows could depend on
 * where they are computed ({@link GoldComparison#PORTABILITY_MODELS}) — and gets the gold tables
 * that local mode built for Lebanon.
 */
class LocalClusterIT {
  private static final Path WORK = Path.of("target", "local-cluster").toAbsolutePath();
  private static final Pattern TASK_EXECUTOR =
      Pattern.compile("\"Event\":\"SparkListenerTaskEnd\".*?\"Executor ID\":\"([^\"]+)\"");

  @Test
  void lebanonOnTwoExecutorJvmsBuildsTheGoldTablesOfLocalMode() throws IOException {
    SampleWorld world = SampleWorld.built();
    FileTrees.deleteRecursively(WORK);
    Path home = Files.createDirectories(WORK.resolve("home"));
    Files.createSymbolicLink(home.resolve("world"), world.dir);
    // Spark's launcher builds the executors' command from SPARK_HOME; without a Spark
    // installation, SPARK_TESTING makes it take the class path given here (the executors' logs
    // land in SPARK_HOME/work).
    Path sparkHome = Files.createDirectories(WORK.resolve("spark-home"));
    Path events = Files.createDirectories(WORK.resolve("events"));
    Map<String, String> conf =
        Map.of(
            "spark.master", "local-cluster[2,1,1024]",
            "spark.executor.extraClassPath", Cli.classPath(),
            "spark.executorEnv.SPARK_TESTING", "1",
            "spark.executorEnv.SPARK_SCALA_VERSION", "2.12",
            "spark.eventLog.enabled", "true",
            "spark.eventLog.dir", events.toUri().toString());
    Map<String, String> environment = new java.util.HashMap<>();
    environment.putAll(WorldDatabases.environment(SampleWorld.DATABASE));
    environment.put("BLUELAMP_HOME", home.toString());
    environment.put("SPARK_HOME", sparkHome.toString());

    Cli.Result run =
        Cli.run(
            GoldComparison.portabilityRun("lebanon"), conf, environment, WORK.resolve("run.log"));

    assertEquals(0, run.exitCode(), "bluelamp run on local-cluster failed:\n" + run.tail());
    assertEquals(
        Set.of("0", "1"),
        taskExecutors(events),
        "the tasks ran on the two executor JVMs, none in the driver");
    Lake built = new Lake(SharedSpark.session(), home.resolve("lake").toString());
    assertEquals(
        List.of(),
        GoldComparison.differences(
            world.lake, built, Set.of("lebanon"), GoldComparison.PORTABILITY_MODELS));
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
}
