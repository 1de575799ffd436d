package org.bluelamp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code bluelamp} command in a JVM of its own, from this test JVM's class path, as a scheduler
 * or spark-submit would start it: for tests whose Spark session must differ from the shared one
 * (another master, another file system), since one JVM holds one SparkContext.
 */
public final class Cli {
  private static final long TIMEOUT_MINUTES = 20;

  private Cli() {}

  /** What the command returned and printed. */
  public record Result(int exitCode, Path log) {
    public String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The last lines of the output, for an assertion message. */
    public String tail() {
      List<String> lines = output().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
  }

  /**
   * Runs {@code bluelamp args} with the given Spark settings (passed as system properties, which a
   * SparkConf reads as spark-submit's {@code --conf} would be) and extra environment, the output
   * going to {@code log}.
   */
  public static Result run(
      List<String> args, Map<String, String> sparkConf, Map<String, String> environment, Path log) {
    Process process = start(args, sparkConf, environment, log);
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "bluelamp " + String.join(" ", args) + " ran over " + TIMEOUT_MINUTES + " min: " + log);
      }
      return new Result(process.exitValue(), log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The JIT and GC flags of the JVMs a test starts (the bluelamp command, Spark executors): C1 only
   * and ParallelGC. They live a few minutes, mostly ingesting, where on two cores C2's compilation
   * costs more than it gains (a sample world's first 28 sources: 201 s with C2, 160 s C1-only;
   * bench/README.md). The test JVMs themselves live longer and run C2 (pom.xml test.jvm.flags).
   */
  public static List<String> compilerFlags() {
    return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC");
  }

  /** Starts {@code bluelamp args} as {@link #run} does, without waiting (a server). */
  public static Process start(
      List<String> args, Map<String, String> sparkConf, Map<String, String> environment, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.add("-XX:ReservedCodeCacheSize=256m");
    // The module openings Spark needs on Java 17, as this JVM was given them.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect"))
        .forEach(command::add);
    command.addAll(compilerFlags());
    sparkConf.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(classPath());
    command.add("org.bluelamp.cli.Main");
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("BLUELAMP_REPO", Repository.root().toString());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(log.getParent());
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This JVM's class path: Surefire and Failsafe put it in {@code surefire.test.class.path} (the
   * JVM's own class path is a manifest-only jar pointing at it).
   */
  public static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
