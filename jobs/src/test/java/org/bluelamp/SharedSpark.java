package org.bluelamp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.lake.Pseudonyms;
import org.bluelamp.lake.Sessions;

/**
 * One SparkSession (Delta + Sedona) for the whole test JVM: starting one takes 10-20 s, so test
 * classes share it and each works in its own lake folder.
 */
public final class SharedSpark {
  /** The pseudonymisation key of the tests' jobs (a deployment's comes from its secret store). */
  public static final String PSEUDONYM_KEY = "bluelamp-tests-pseudonym-key";

  public static final Pseudonyms PSEUDONYMS = Pseudonyms.of(PSEUDONYM_KEY);

  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      try {
        Path warehouse = Files.createTempDirectory("bluelamp-test-warehouse");
        session = Sessions.create("bluelamp-tests", warehouse.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
