package org.bluelamp.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bluelamp.Progress;
import org.bluelamp.conform.SilverJob;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.gold.GoldModel;
import org.bluelamp.gold.GoldModels;
import org.bluelamp.ingest.IngestJob;
import org.bluelamp.ingest.Landing;
import org.bluelamp.ingest.SourceCoverage;
import org.bluelamp.jdbc.Connections;
import org.bluelamp.lake.Interval;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.JobRuns;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Pseudonyms;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.quality.DataQualityJob;
import org.bluelamp.security.AuditLog;
import org.bluelamp.security.Users;

/**
 * Runs the layers for a data interval: every selected source into bronze, the silver entities their
 * data reaches (for the forces involved), then the gold models. Each job is recorded in {@code
 * ops.job_runs} (the rows written in groups, the last when the run ends); a failing source is
 * recorded and reported, and the other sources go on.
 */
public final class Runner {
  /** Which layers a run builds. */
  public enum Layer {
    BRONZE,
    SILVER,
    GOLD
  }

  /** Jobs run at once within a layer (see {@link #concurrently}). */
  static final int THREADS = 3;

  private final Lake lake;
  private final Pipelines pipelines;
  private final Landing landing;
  private final Path sqlRoot;
  private final Progress progress;
  private final JobRuns jobRuns;
  private final Connections connections;
  private final Pseudonyms pseudonyms;

  public Runner(
      Lake lake,
      Pipelines pipelines,
      Landing landing,
      Path sqlRoot,
      Progress progress,
      JobRuns jobRuns,
      Connections connections,
      Pseudonyms pseudonyms) {
    this.lake = requireNonNull(lake, "lake");
    this.pipelines = requireNonNull(pipelines, "pipelines");
    this.landing = requireNonNull(landing, "landing");
    this.sqlRoot = requireNonNull(sqlRoot, "sqlRoot");
    this.progress = requireNonNull(progress, "progress");
    this.jobRuns = requireNonNull(jobRuns, "jobRuns");
    this.connections = requireNonNull(connections, "connections");
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms");
  }

  /** What a run did; {@code failures} lists the jobs that failed, with their errors. */
  public record Outcome(List<JobResult> results, List<String> failures) {
    public Outcome {
      results = List.copyOf(results);
      failures = List.copyOf(failures);
    }

    public boolean succeeded() {
      return failures.isEmpty();
    }
  }

  /**
   * Runs the layers; with {@code reprocess}, sources read every file of the interval again instead
   * of only the new ones (a backfill).
   */
  public Outcome run(
      List<SourceContract> sources, List<Layer> layers, Interval interval, boolean reprocess) {
    return run(sources, layers, interval, reprocess, List.of());
  }

  /**
   * As {@link #run(List, List, Interval, boolean)}; with {@code models} (gold model names), the
   * gold layer builds only those, reading the tables upstream of them as they are.
   */
  public Outcome run(
      List<SourceContract> sources,
      List<Layer> layers,
      Interval interval,
      boolean reprocess,
      List<String> models) {
    return run(sources, layers, interval, reprocess, models, false);
  }

  /**
   * As {@link #run(List, List, Interval, boolean, List)}; with {@code microBatch}, silver is
   * brought up to date rather than rebuilt: each reached entity that {@link SilverJob#mergeable}
   * merges the bronze records it does not hold yet, and the quality job refreshes the failed checks
   * of these sources only (coverage waits for the next full run). Entities never built, or with
   * derivations reading other tables, are rebuilt as usual.
   */
  public Outcome run(
      List<SourceContract> sources,
      List<Layer> layers,
      Interval interval,
      boolean reprocess,
      List<String> models,
      boolean microBatch) {
    lake.registerAll();
    List<JobResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try {
      if (layers.contains(Layer.BRONZE)) {
        ingestAll(sources, interval, reprocess, results, failures);
      }
      if (layers.contains(Layer.SILVER)) {
        conformAll(sources, interval, microBatch, results, failures);
      }
      if (layers.contains(Layer.GOLD)) {
        buildModels(interval, models, results, failures);
      }
    } finally {
      jobRuns.flush();
    }
    return new Outcome(results, failures);
  }

  /** The silver entities the sources' data reaches (and those never built), then data quality. */
  private void conformAll(
      List<SourceContract> sources,
      Interval interval,
      boolean microBatch,
      List<JobResult> results,
      List<String> failures) {
    SilverJob silver = new SilverJob(lake, pipelines, pseudonyms, progress);
    List<Force> forces =
        sources.stream()
            .map(SourceContract::force)
            .distinct()
            .sorted()
            .map(pipelines::force)
            .toList();
    Set<String> reached = pipelines.reachedBy(sources);
    List<EntitySpec> entities =
        silver.buildOrder().stream()
            .filter(e -> reached.contains(e.name()) || !lake.exists(TableName.silver(e.name())))
            .toList();
    concurrently(
        entities,
        silver::dependencies,
        entity ->
            job(
                interval,
                "silver",
                TableName.silver(entity.name()).toString(),
                microBatch && silver.mergeable(entity)
                    ? () -> silver.merge(entity, forces)
                    : () -> silver.run(entity, forces)),
        results,
        failures);
    DataQualityJob quality = new DataQualityJob(lake, pipelines, pseudonyms, progress);
    record(
        interval,
        "silver",
        Tables.DQ_ISSUE.toString(),
        () -> microBatch ? quality.run(forces, sources) : quality.run(forces),
        results,
        failures);
  }

  /** The gold models ({@code models}; all when empty), each after those it builds after. */
  private void buildModels(
      Interval interval, List<String> models, List<JobResult> results, List<String> failures) {
    // Models of query usage read these even before anyone has queried or been added.
    AuditLog.ensureTable(lake);
    Users.ensureTable(lake);
    List<GoldModel> all = GoldModels.discover(sqlRoot);
    GoldModels gold = new GoldModels(lake, pipelines, pseudonyms, all, progress);
    List<GoldModel> selected = GoldModels.select(all, models);
    concurrently(
        selected,
        model -> selected.stream().filter(m -> model.buildAfter().contains(m.name())).toList(),
        model ->
            job(interval, "gold", TableName.gold(model.name()).toString(), () -> gold.build(model)),
        results,
        failures);
  }

  /**
   * Re-runs a span interval by interval: each interval's ingestion in order, every file and
   * database range of it read again (so late and corrected records are picked up where they
   * arrived), then the silver entities and gold models once over the whole span, which place every
   * record in the period of its event. Rerunning a backfill changes nothing.
   */
  public Outcome backfill(List<SourceContract> sources, List<Interval> intervals) {
    return backfill(sources, intervals, List.of());
  }

  /**
   * As {@link #backfill(List, List)}; with {@code models} (gold model names), the gold layer builds
   * only those.
   */
  public Outcome backfill(
      List<SourceContract> sources, List<Interval> intervals, List<String> models) {
    long started = System.nanoTime();
    List<JobResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < intervals.size(); i++) {
      Outcome part = run(sources, List.of(Layer.BRONZE), intervals.get(i), true);
      results.addAll(part.results());
      failures.addAll(part.failures());
      double elapsed = (System.nanoTime() - started) / 1e9;
      progress.log(
          "backfill",
          String.format(
              "%d/%d %s: %,d records read, %,d quarantined, %d job(s) failed; %.0f s elapsed,"
                  + " about %.0f s of ingestion left",
              i + 1,
              intervals.size(),
              intervals.get(i),
              part.results().stream().mapToLong(JobResult::rowsRead).sum(),
              part.results().stream().mapToLong(JobResult::rowsQuarantined).sum(),
              part.failures().size(),
              elapsed,
              elapsed / (i + 1) * (intervals.size() - i - 1)));
    }
    Interval span = new Interval(intervals.get(0).from(), intervals.get(intervals.size() - 1).to());
    progress.log("backfill", "silver and gold over " + span);
    Outcome rest = run(sources, List.of(Layer.SILVER, Layer.GOLD), span, true, models);
    results.addAll(rest.results());
    failures.addAll(rest.failures());
    return new Outcome(results, failures);
  }

  /**
   * Ingests the sources {@link #THREADS} at a time: one source's work is mostly small Spark jobs
   * and Delta commits waiting on the driver, so a few in flight keep both cores busy. Each source
   * writes its own bronze table; the shared tables serialise their writes ({@link Lake#writing}).
   * Then the coverage of the sources that read records, in one job: per source it cost as much as a
   * small source's ingestion.
   */
  private void ingestAll(
      List<SourceContract> sources,
      Interval interval,
      boolean reprocess,
      List<JobResult> results,
      List<String> failures) {
    IngestJob ingest = new IngestJob(lake, pipelines, landing, progress, connections);
    Set<SourceContract> read = ConcurrentHashMap.newKeySet();
    concurrently(
        sources,
        source -> List.of(),
        source ->
            job(
                interval,
                "ingest",
                TableName.bronze(source.id()).toString(),
                () -> {
                  JobResult result = ingest.run(source, interval, reprocess);
                  if (result.rowsRead() > 0) {
                    read.add(source);
                  }
                  return result;
                }),
        results,
        failures);
    List<SourceContract> covered = sources.stream().filter(read::contains).toList();
    if (!covered.isEmpty()) {
      String target = Tables.SOURCE_COVERAGE.toString();
      record(
          interval,
          "coverage",
          target,
          () ->
              new JobResult(
                  "coverage", target, 0, 0, 0, SourceCoverage.update(lake, covered), Map.of()),
          results,
          failures);
    }
  }

  /**
   * Runs one job per item, {@link #THREADS} at a time, each once the items it depends on are done
   * ({@code ordered} lists dependencies first). Of the jobs ready to run, the one with the most
   * items waiting on it (directly or not) goes first, so that a chain such as place_link ->
   * person_link -> person_view starts at once instead of behind every job without dependants; ties
   * in {@code ordered}'s order. Results and failures keep the items' order.
   */
  private <T> void concurrently(
      List<T> ordered,
      Function<T, List<T>> dependencies,
      Function<T, Outcome> job,
      List<JobResult> results,
      List<String> failures) {
    Map<T, Set<T>> waiting = new HashMap<>();
    for (int i = ordered.size() - 1; i >= 0; i--) {
      T item = ordered.get(i);
      for (T upstream : dependencies.apply(item)) {
        Set<T> after = waiting.computeIfAbsent(upstream, u -> new HashSet<>());
        after.add(item);
        after.addAll(waiting.getOrDefault(item, Set.of()));
      }
    }
    ExecutorService pool =
        new ThreadPoolExecutor(
            THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>());
    try {
      Map<T, CompletableFuture<Outcome>> jobs = new LinkedHashMap<>();
      for (int i = 0; i < ordered.size(); i++) {
        T item = ordered.get(i);
        CompletableFuture<?>[] upstream =
            dependencies.apply(item).stream()
                .map(jobs::get)
                .filter(Objects::nonNull)
                .toArray(CompletableFuture[]::new);
        int rank = waiting.getOrDefault(item, Set.of()).size();
        int order = i;
        jobs.put(
            item,
            CompletableFuture.allOf(upstream)
                .thenApplyAsync(
                    done -> job.apply(item), task -> pool.execute(new Ranked(task, rank, order))));
      }
      for (CompletableFuture<Outcome> running : jobs.values()) {
        Outcome outcome = running.join();
        results.addAll(outcome.results());
        failures.addAll(outcome.failures());
      }
    } catch (CompletionException e) {
      throw new IllegalStateException("a job thread failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A job in the pool's queue: the highest {@code rank} (items waiting on it) first, then the
   * earliest in the items' order.
   */
  private record Ranked(Runnable task, int rank, int order)
      implements Runnable, Comparable<Ranked> {
    @Override
    public void run() {
      task.run();
    }

    @Override
    public int compareTo(Ranked other) {
      return rank != other.rank
          ? Integer.compare(other.rank, rank)
          : Integer.compare(order, other.order);
    }
  }

  /** One recorded job, as an outcome of its own. */
  private Outcome job(Interval interval, String job, String target, Supplier<JobResult> work) {
    List<JobResult> result = new ArrayList<>();
    List<String> failure = new ArrayList<>();
    record(interval, job, target, work, result, failure);
    return new Outcome(result, failure);
  }

  private void record(
      Interval interval,
      String job,
      String target,
      Supplier<JobResult> work,
      List<JobResult> results,
      List<String> failures) {
    Instant started = Instant.now();
    try {
      JobResult result = work.get();
      jobRuns.succeeded(interval, started, result);
      results.add(result);
    } catch (Exception e) { // Spark throws checked SparkException without declaring it
      progress.log(job, "FAILED " + target + ": " + e.getMessage());
      jobRuns.failed(interval, started, job, target, e);
      failures.add(target + ": " + e.getMessage());
    }
  }
}
