package org.bluelamp.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bluelamp.FileTrees;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.bluelamp.WorldDatabases;
import org.bluelamp.cli.Runner;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.ingest.Landing;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.JobRuns;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;
import org.bluelamp.synth.Truth;
import org.bluelamp.synth.WorldGenerator;

/**
 * A small generated world (the three forces, 4 days at scale 0.05) run once through every layer,
 * shared by the tests of one JVM. Its databases are {@code bluelamp_world_test}. It is built in
 * {@code target/sample-world} and marked with a fingerprint of the code and declarations it was
 * built from, so the integration tests of the same build ({@link #built()}) reuse it instead of
 * building their own.
 */
public final class SampleWorld {
  public static final LocalDate START = LocalDate.of(2026, 3, 23);
  public static final int DAYS = 4;

  /** The PostgreSQL and MariaDB database holding the world's RMS and CAD. */
  public static final String DATABASE = "bluelamp_world_test";

  private static final Connections DATABASES = WorldDatabases.connections(DATABASE);
  private static final Path BUILT = Path.of("target", "sample-world").toAbsolutePath();
  private static final Path MARK = BUILT.resolve("built-from.sha256");
  private static SampleWorld instance;

  public final Path dir;
  public final Pipelines pipelines;
  public final List<Truth> truths;
  public final Lake lake;
  public final Interval interval;
  public final List<SourceContract> sources;
  public final Runner.Outcome firstRun;

  private SampleWorld(Path dir, List<String> only) {
    this.dir = dir;
    this.pipelines = Pipelines.load(Repository.pipelines());
    this.truths =
        WorldGenerator.generate(
            dir,
            pipelines,
            new WorldGenerator.Options(START, DAYS, 0.05, 7L),
            Progress.silent(),
            DATABASES);
    this.lake = new Lake(SharedSpark.session(), dir.resolve("lake").toString());
    this.interval = new Interval(START, START.plusDays(DAYS));
    this.sources =
        pipelines.sources().stream()
            .filter(s -> only.isEmpty() || only.contains(s.force() + "/" + s.system()))
            .toList();
    this.firstRun = run(false);
  }

  /** The world a previous JVM of this build left in {@code dir}, as it is. */
  private SampleWorld(Path dir) {
    this.dir = dir;
    this.pipelines = Pipelines.load(Repository.pipelines());
    this.truths =
        pipelines.forces().keySet().stream()
            .sorted()
            .map(force -> WorldGenerator.readTruth(dir, force))
            .toList();
    this.lake = new Lake(SharedSpark.session(), dir.resolve("lake").toString());
    lake.registerAll();
    this.interval = new Interval(START, START.plusDays(DAYS));
    this.sources = pipelines.sources();
    List<String> failed =
        lake.read(Tables.JOB_RUNS)
            .filter("status = 'failed'")
            .select("target")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    this.firstRun = new Runner.Outcome(List.of(), failed);
  }

  /**
   * Registers {@code truth/*-identities.csv} (source, key, identity) as the temporary view {@code
   * identities}: the identity the generator planted behind every person and vehicle record.
   */
  public void registerIdentities() {
    SharedSpark.session()
        .read()
        .option("header", "true")
        .csv(dir.resolve("truth").resolve("*-identities.csv").toString())
        .createOrReplaceTempView("identities");
  }

  /** The whole world: every source of the three forces, built afresh in this JVM. */
  public static synchronized SampleWorld get() {
    if (instance == null) {
      FileTrees.deleteRecursively(BUILT);
      instance = new SampleWorld(BUILT, List.of());
      write(MARK, fingerprint());
    }
    return instance;
  }

  /**
   * The whole world as the unit tests of this build left it when it was built from the same code
   * and declarations (integration tests run in another JVM after them); else built afresh.
   */
  public static synchronized SampleWorld built() {
    if (instance == null && Files.isRegularFile(MARK) && read(MARK).equals(fingerprint())) {
      instance = new SampleWorld(BUILT);
    }
    return get();
  }

  /** SHA-256 over the compiled code, pipelines/ and sql/: what the world's content depends on. */
  private static String fingerprint() {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      for (Path root :
          List.of(
              Path.of("target", "classes"),
              Path.of("target", "test-classes", "org", "bluelamp", "pipeline"),
              Repository.pipelines(),
              Repository.sql())) {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            digest.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(file));
          }
        }
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Truth truth(String force) {
    return truths.stream().filter(t -> t.force().equals(force)).findFirst().orElseThrow();
  }

  /**
   * Runs every source and layer over the whole interval, as `bluelamp run --all` does; with {@code
   * reprocess}, as `--reprocess` does.
   */
  public Runner.Outcome run(boolean reprocess) {
    return run(sources, reprocess);
  }

  /** Runs the given sources and every layer over the whole interval. */
  public Runner.Outcome run(List<SourceContract> sources, boolean reprocess) {
    return runner().run(sources, List.of(Runner.Layer.values()), interval, reprocess);
  }

  /** Runs every source over the whole interval through the given layers only. */
  public Runner.Outcome run(List<Runner.Layer> layers) {
    return runner().run(sources, layers, interval, false);
  }

  /** Runs the given sources as the 20-minute schedule does (silver merged, not rebuilt). */
  public Runner.Outcome microBatch(List<SourceContract> sources) {
    return runner()
        .run(
            sources,
            List.of(Runner.Layer.values()),
            interval,
            false,
            List.of("supervisor_live"),
            true);
  }

  /**
   * Backfills the given sources {@code step} at a time, as `bluelamp backfill --step --model`, the
   * gold layer building only {@code models}.
   */
  public Runner.Outcome backfill(
      List<SourceContract> sources, java.time.Period step, List<String> models) {
    return runner().backfill(sources, interval.split(step), models);
  }

  private Runner runner() {
    Landing landing =
        new Landing(
            WorldGenerator.landing(dir).toString(),
            SharedSpark.session().sparkContext().hadoopConfiguration());
    return new Runner(
        lake,
        pipelines,
        landing,
        Repository.sql(),
        new Progress(System.out),
        new JobRuns(lake, UUID.randomUUID().toString()),
        DATABASES,
        SharedSpark.PSEUDONYMS);
  }
}
