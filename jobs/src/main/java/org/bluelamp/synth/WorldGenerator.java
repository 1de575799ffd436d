package org.bluelamp.synth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.jdbc.Connections;

/**
 * The sample world: for each force declared in {@code pipelines/forces/} that the generator knows
 * ({@link SampleForces}), landing files and database tables for every source contract, plus the
 * truth planted in them. Deterministic: the same options give the same bytes.
 */
public final class WorldGenerator {
  static final int H3_RESOLUTION = 8;
  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** How much world to make: {@code scale} 1.0 is a force-year of realistic daily volume. */
  public record Options(LocalDate start, int days, double scale, long seed) {
    public Options {
      requireNonNull(start, "start");
      if (days < 1 || scale <= 0) {
        throw Errors.usage(
            "Cannot generate " + days + " days at scale " + scale,
            "use --days >= 1 and --scale > 0");
      }
    }
  }

  private WorldGenerator() {}

  public static Path landing(Path out) {
    return out.resolve("landing");
  }

  public static Path truthFile(Path out, String force) {
    return out.resolve("truth").resolve(force + ".json");
  }

  /**
   * Generates every known force of {@code pipelines}; database sources are loaded through {@code
   * connections} after the project's schema scripts ({@code infra/embedded/sql/}) ran.
   */
  public static List<Truth> generate(
      Path out, Pipelines pipelines, Options options, Progress progress, Connections connections) {
    Databases databases =
        new Databases(
            connections,
            pipelines.root().toAbsolutePath().getParent().resolve("infra/embedded/sql"),
            progress);
    List<Truth> truths = new ArrayList<>();
    for (String force : new java.util.TreeSet<>(pipelines.forces().keySet())) {
      ForceProfile profile =
          SampleForces.ALL.stream()
              .filter(p -> p.force().equals(force))
              .findFirst()
              .orElseThrow(
                  () ->
                      Errors.usage(
                          "The sample world has no profile for force '" + force + "'",
                          "add one to synth.SampleForces, or generate with the forces it knows: "
                              + SampleForces.ALL.stream().map(ForceProfile::force).toList()));
      Truth truth =
          new ForceWorld(profile, pipelines, options)
              .write(landing(out), databases, out.resolve("truth"), progress);
      try {
        Files.createDirectories(truthFile(out, force).getParent());
        JSON.writeValue(truthFile(out, force).toFile(), truth);
      } catch (IOException e) {
        throw Errors.io("write the truth file under " + out, e);
      }
      progress.log("generate", "truth written to " + truthFile(out, force));
      truths.add(truth);
    }
    return truths;
  }

  public static Truth readTruth(Path out, String force) {
    try {
      return JSON.readValue(truthFile(out, force).toFile(), Truth.class);
    } catch (IOException e) {
      throw Errors.io("read " + truthFile(out, force), e);
    }
  }
}
