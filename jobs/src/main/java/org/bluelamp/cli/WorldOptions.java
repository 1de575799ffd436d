package org.bluelamp.cli;

import java.time.LocalDate;
import org.bluelamp.synth.WorldGenerator;
import picocli.CommandLine.Option;

/** Options for the sample world. */
final class WorldOptions {
  @Option(
      names = "--start",
      description = "First day (local), default ${DEFAULT-VALUE}.",
      defaultValue = "2026-03-02")
  LocalDate start;

  @Option(
      names = "--days",
      description = "Number of days, default ${DEFAULT-VALUE}.",
      defaultValue = "14")
  int days;

  @Option(
      names = "--scale",
      description =
          "1.0 = a force-year of realistic volume (~2,000 calls a day in the English force);"
              + " default ${DEFAULT-VALUE}.",
      defaultValue = "0.05")
  double scale;

  @Option(
      names = "--seed",
      description = "Random seed, default ${DEFAULT-VALUE}.",
      defaultValue = "20260302")
  long seed;

  WorldGenerator.Options options() {
    return new WorldGenerator.Options(start, days, scale, seed);
  }
}
