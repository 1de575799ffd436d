package org.bluelamp.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.bluelamp.WorldDatabases;
import org.bluelamp.cli.Runner;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.ingest.Connections;
import org.bluelamp.ingest.Landing;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.JobRuns;
import org.bluelamp.lake.Lake;
import org.bluelamp.synth.Truth;
import org.bluelamp.synth.WorldGenerator;

/**
 * A small generated world (the three forces, 4 days at scale 0.05) run once through every layer,
 * shared by the tests of one JVM. Its databases are {@code bluelamp_world_test}.
 */
public final class SampleWorld {
  public static final LocalDate START = LocalDate.of(2026, 3, 23);
  public static final int DAYS = 4;
  private static final Connections DATABASES = WorldDatabases.connections("bluelamp_world_test");
  private static SampleWorld instance;
  private static SampleWorld englandCore;

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

  /** The whole world: every source of the three forces. */
  public static synchronized SampleWorld get() {
    if (instance == null) {
      instance = create(List.of());
    }
    return instance;
  }

  /** The same world with only the English CAD, RMS and wards ingested: enough to serve. */
  public static synchronized SampleWorld englandCore() {
    if (englandCore == null) {
      englandCore = create(List.of("england/cad", "england/rms", "england/wards"));
    }
    return englandCore;
  }

  private static SampleWorld create(List<String> only) {
    try {
      return new SampleWorld(Files.createTempDirectory("bluelamp-world"), only);
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
            DATABASES)
        .run(sources, List.of(Runner.Layer.values()), interval, reprocess);
  }
}
