package org.bluelamp.workspace;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Pseudonyms;
import org.bluelamp.lake.Sessions;

/**
 * Where things are: the repository's declarations ({@code pipelines/}, {@code sql/}) and the
 * working folder ({@code BLUELAMP_HOME}, default {@code .bluelamp/}) holding the generated world,
 * the lake and the Trino run folder. The Trino server itself is cached per user.
 */
public record Workspace(Path repository, Path home, String lakeRoot) {
  public Workspace {
    repository = requireNonNull(repository, "repository").toAbsolutePath().normalize();
    home = requireNonNull(home, "home").toAbsolutePath().normalize();
    lakeRoot = lakeRoot == null ? home.resolve("lake").toString() : lakeRoot;
  }

  /**
   * {@code BLUELAMP_REPO} (default: the working directory), {@code BLUELAMP_HOME} (default {@code
   * .bluelamp/} in it) and {@code BLUELAMP_LAKE}, the lake's root: a folder or an object-store URI
   * such as {@code s3a://bucket/lake} (default {@code <home>/lake}).
   */
  public static Workspace fromEnvironment() {
    Path repository = Path.of(env("BLUELAMP_REPO", "."));
    return new Workspace(
        repository,
        Path.of(env("BLUELAMP_HOME", repository.resolve(".bluelamp").toString())),
        env("BLUELAMP_LAKE", null));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public Path pipelines() {
    return repository.resolve("pipelines");
  }

  public Path sql() {
    return repository.resolve("sql");
  }

  /** JDBC connections of the embedded sample world, used when nothing else names them. */
  public Path connectionDefaults() {
    return repository.resolve("infra/embedded/connections.properties");
  }

  public Path world() {
    return home.resolve("world");
  }

  public Path trinoRun() {
    return home.resolve("trino");
  }

  /** The lake, on this JVM's Spark session (created on first use). */
  public Lake lake() {
    return new Lake(
        Sessions.create("bluelamp", home.resolve("spark-warehouse").toString()), lakeRoot());
  }

  /** The pseudonymisation key of this workspace's jobs ({@link Pseudonyms}). */
  public Pseudonyms pseudonyms() {
    return Pseudonyms.fromEnvironment(home);
  }

  public Path trinoCache() {
    return Path.of(System.getProperty("user.home"), ".cache", "bluelamp");
  }

  /** The Trino `bluelamp serve` started for this workspace; a clear error when none runs. */
  public org.bluelamp.trino.TrinoServer runningTrino() {
    return org.bluelamp.trino.TrinoServer.running(trinoRun(), trinoCache())
        .orElseThrow(
            () ->
                org.bluelamp.Errors.usage(
                    "no Trino is running for the workspace " + trinoRun(),
                    "start it with './bluelamp serve' (after './bluelamp run' or './bluelamp"
                        + " demo')"));
  }
}
