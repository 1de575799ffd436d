package org.bluelamp.ingest;

import java.util.Map;

/** Resolves JDBC connection names against an environment (the process's, or a test's). */
public record Connections(Map<String, String> environment) {
  public Connections {
    environment = Map.copyOf(environment);
  }

  public static Connections fromEnvironment() {
    return new Connections(System.getenv());
  }

  public JdbcConnection resolve(String name) {
    return JdbcConnection.resolve(name, environment);
  }
}
