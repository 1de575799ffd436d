package org.bluelamp;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's own declaration folders, found from the test's working directory. */
public final class Repository {
  private Repository() {}

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("pipelines/sources"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no pipelines/ above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  public static Path pipelines() {
    return root().resolve("pipelines");
  }

  public static Path sql() {
    return root().resolve("sql");
  }
}
