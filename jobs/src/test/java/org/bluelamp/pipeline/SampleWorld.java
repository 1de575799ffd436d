package org.bluelamp.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.bluelamp.cli.Runner;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.ingest.Connections;
import org.bluelamp.ingest.Landing;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.JobRuns;
import org.bluelamp.lake.Lake;
import org.bluelamp.synth.Truth;
import org.bluelamp.synth.WorldGenerator;

/**
 * A small generated world (7 days of the English force at scale 0.05) run once through every layer,
 * shared by the tests of one JVM.
 */
public final class SampleWorld {
  public static final LocalDate START = LocalDate.of(2026, 3, 23);
  public static final int DAYS = 10;
  private static SampleWorld instance;

  public final Path dir;
  public final Pipelines pipelines;
  public final Truth truth;
  public final Lake lake;
  public final Interval interval;
  public final Runner.Outcome firstRun;

  private SampleWorld(Path dir) {
    this.dir = dir;
    this.pipelines = Pipelines.load(Repository.pipelines());
    this.truth =
        WorldGenerator.generate(
            dir, pipelines, new WorldGenerator.Options(START, DAYS, 0.05, 7L), Progress.silent());
    this.lake = new Lake(SharedSpark.session(), dir.resolve("lake").toString());
    this.interval = new Interval(START, START.plusDays(DAYS));
    this.firstRun = run(false);
  }

  public static synchronized SampleWorld get() {
    if (instance == null) {
      try {
        instance = new SampleWorld(Files.createTempDirectory("bluelamp-world"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /**
   * Runs every source and layer over the whole interval, as `bluelamp run --all` does; with {@code
   * reprocess}, as `--reprocess` does.
   */
  public Runner.Outcome run(boolean reprocess) {
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
            new Connections(Map.of()))
        .run(pipelines.sources(), List.of(Runner.Layer.values()), interval, reprocess);
  }
}
