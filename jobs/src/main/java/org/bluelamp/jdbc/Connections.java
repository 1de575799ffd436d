package org.bluelamp.jdbc;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves JDBC connection names against an environment (the process's, or a test's), falling back
 * to {@code defaults}: the embedded sample world's databases on loopback.
 */
public record Connections(Map<String, String> environment, Optional<Path> defaults) {
  public Connections {
    environment = Map.copyOf(environment);
    java.util.Objects.requireNonNull(defaults, "defaults");
  }

  public Connections(Map<String, String> environment) {
    this(environment, Optional.empty());
  }

  /** The process's environment, with the repository's embedded defaults as the last resort. */
  public static Connections fromEnvironment(Path embeddedDefaults) {
    return new Connections(System.getenv(), Optional.of(embeddedDefaults));
  }

  public JdbcConnection resolve(String name) {
    return JdbcConnection.resolve(name, environment, defaults);
  }
}
