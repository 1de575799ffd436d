package org.bluelamp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.bluelamp.synth.Truth;
import org.bluelamp.synth.WorldGenerator;

/**
 * A sample world of only some sources ({@code force/system}) and their forces, generated into a
 * temporary folder (its JDBC sources in {@code database}) and run through every layer, the gold
 * layer building only {@code models}: for tests that need a longer span than the shared world.
 */
record PartialWorld(Pipelines pipelines, List<Truth> truths, Lake lake) {
  static PartialWorld run(
      String database, List<String> sources, WorldGenerator.Options options, List<String> models)
      throws IOException {
    Path dir = Files.createTempDirectory("bluelamp-" + database);
    Pipelines all = Pipelines.load(Repository.pipelines());
    List<SourceContract> contracts = sources.stream().map(all::source).toList();
    Map<String, org.bluelamp.contract.Force> forces = new LinkedHashMap<>();
    contracts.forEach(c -> forces.put(c.force(), all.force(c.force())));
    Pipelines pipelines = new Pipelines(all.root(), forces, all.entities(), contracts);
    Connections databases = WorldDatabases.connections(database);
    List<Truth> truths =
        WorldGenerator.generate(dir, pipelines, options, Progress.silent(), databases);
    Lake lake = new Lake(SharedSpark.session(), dir.resolve("lake").toString());
    Runner.Outcome outcome =
        new Runner(
                lake,
                pipelines,
                new Landing(
                    WorldGenerator.landing(dir).toString(),
                    SharedSpark.session().sparkContext().hadoopConfiguration()),
                Repository.sql(),
                new Progress(System.out),
                new JobRuns(lake, UUID.randomUUID().toString()),
                databases,
                SharedSpark.PSEUDONYMS)
            .run(
                pipelines.sources(),
                List.of(Runner.Layer.values()),
                new Interval(options.start(), options.start().plusDays(options.days())),
                false,
                models);
    assertThat(outcome.failures()).isEmpty();
    return new PartialWorld(pipelines, truths, lake);
  }

  Truth truth(String force) {
    return truths.stream().filter(t -> t.force().equals(force)).findFirst().orElseThrow();
  }
}
