package org.bluelamp.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bluelamp.Errors;

/** Finds a Java runtime new enough for the Trino server (the jobs themselves run on Java 17). */
public final class JavaRuntimes {
  public static final int TRINO_MINIMUM = 24;
  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private JavaRuntimes() {}

  /**
   * The newest JDK of at least {@link #TRINO_MINIMUM}: {@code BLUELAMP_TRINO_JAVA_HOME} if set,
   * else {@code JAVA_HOME}, else the JDKs under /usr/lib/jvm, /opt/java and /usr/local.
   */
  public static Path forTrino() {
    List<Path> candidates = new ArrayList<>();
    String explicit = System.getenv("BLUELAMP_TRINO_JAVA_HOME");
    if (explicit != null && !explicit.isBlank()) {
      Path home = Path.of(explicit);
      if (version(home).orElse(0) >= TRINO_MINIMUM) {
        return home;
      }
      throw Errors.noTrinoJdk(List.of(explicit + " (BLUELAMP_TRINO_JAVA_HOME, too old or no JDK)"));
    }
    Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
    for (String root : List.of("/usr/lib/jvm", "/opt/java", "/usr/local")) {
      try (Stream<Path> homes = Files.list(Path.of(root))) {
        homes.filter(Files::isDirectory).forEach(candidates::add);
      } catch (IOException e) {
        // a missing folder holds no JDK
      }
    }
    return candidates.stream()
        .filter(home -> version(home).orElse(0) >= TRINO_MINIMUM)
        .filter(home -> Files.isExecutable(home.resolve("bin/java")))
        .max(Comparator.comparingInt(home -> version(home).orElse(0)))
        .orElseThrow(
            () ->
                Errors.noTrinoJdk(
                    List.of("$JAVA_HOME", "/usr/lib/jvm/*", "/opt/java/*", "/usr/local/*")));
  }

  /** The feature version from a JDK's {@code release} file. */
  static Optional<Integer> version(Path home) {
    try {
      Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
      return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
