package org.bluelamp.synth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;

/**
 * The sample world: landing files for each force plus the truth planted in them. Deterministic: the
 * same options give the same bytes.
 */
public final class WorldGenerator {
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

  public static Truth generate(Path out, Pipelines pipelines, Options options, Progress progress) {
    Truth truth = new EnglandForce(pipelines, options).write(landing(out), progress);
    try {
      Files.createDirectories(truthFile(out, truth.force()).getParent());
      JSON.writeValue(truthFile(out, truth.force()).toFile(), truth);
    } catch (IOException e) {
      throw Errors.io("write the truth file under " + out, e);
    }
    progress.log("generate", "truth written to " + truthFile(out, truth.force()));
    return truth;
  }

  public static Truth readTruth(Path out, String force) {
    try {
      return JSON.readValue(truthFile(out, force).toFile(), Truth.class);
    } catch (IOException e) {
      throw Errors.io("read " + truthFile(out, force), e);
    }
  }
}
