package org.bluelamp.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bluelamp.Errors;
import org.bluelamp.Progress;

/**
 * The Trino server tarball, obtained from Maven Central through Maven (so it lands in, and is
 * reused from, the local Maven repository) and unpacked once into a cache folder.
 */
public final class TrinoDistribution {
  public static final String VERSION = "476";
  private static final String ARTIFACT = "io.trino:trino-server:" + VERSION + ":tar.gz";

  private TrinoDistribution() {}

  /** The unpacked server, e.g. {@code ~/.cache/bluelamp/trino-server-476}. */
  public static Path ensure(Path cache, Progress progress) {
    Path server = cache.resolve("trino-server-" + VERSION);
    if (Files.isExecutable(server.resolve("bin/launcher"))) {
      return server;
    }
    Path tarball = tarball();
    if (!Files.isRegularFile(tarball)) {
      progress.log("serve", "downloading " + ARTIFACT + " (821 MB) through Maven, once");
      run(
          cache,
          "mvn",
          "-B",
          "-q",
          "dependency:get",
          "-Dtransitive=false",
          "-Dartifact=" + ARTIFACT,
          "-Dmaven.repo.local=" + repository());
      if (!Files.isRegularFile(tarball)) {
        throw Errors.trinoDownload(ARTIFACT, "Maven finished but " + tarball + " is missing");
      }
    }
    progress.log("serve", "unpacking " + tarball.getFileName() + " into " + cache);
    try {
      Files.createDirectories(cache);
      Path staging = Files.createTempDirectory(cache, "unpack-");
      run(staging, "tar", "-xzf", tarball.toString(), "-C", staging.toString());
      Files.move(
          staging.resolve("trino-server-" + VERSION), server, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(staging);
    } catch (IOException e) {
      throw Errors.io("unpack the Trino server into " + cache, e);
    }
    return server;
  }

  /** The local Maven repository: {@code -Dmaven.repo.local} if given, else ~/.m2/repository. */
  private static Path repository() {
    String repository = System.getProperty("maven.repo.local");
    return repository != null
        ? Path.of(repository)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private static Path tarball() {
    return repository()
        .resolve("io/trino/trino-server/" + VERSION + "/trino-server-" + VERSION + ".tar.gz");
  }

  private static void run(Path directory, String... command) {
    try {
      Files.createDirectories(directory);
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw Errors.trinoDownload(ARTIFACT, String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw Errors.trinoDownload(ARTIFACT, String.join(" ", command) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.trinoDownload(ARTIFACT, "interrupted");
    }
  }
}
