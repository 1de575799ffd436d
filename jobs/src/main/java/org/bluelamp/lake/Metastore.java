package org.bluelamp.lake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bluelamp.Errors;

/**
 * The Hive metastore that Spark and Trino may share as their catalog, from {@code
 * BLUELAMP_METASTORE_URI} ({@code thrift://host:9083}). Without it each engine keeps its own:
 * Spark's in-memory catalog, filled from the lake's folders at start-up ({@link Lake}), and Trino's
 * file metastore, filled by {@code register_table}. With it, every table a job writes is created in
 * the metastore by Spark and is at once visible to Trino (and to any other Spark session) by name.
 */
public record Metastore(String uri) {
  public static final String URI = "BLUELAMP_METASTORE_URI";

  public Metastore {
    if (!uri.matches("thrift://[^/:\\s]+:\\d+")) {
      throw Errors.usage(
          URI + "=" + uri + " is not a metastore address",
          "set it to the Hive metastore's thrift://HOST:PORT (e.g. thrift://127.0.0.1:9083), or"
              + " unset it to keep the catalog in the jobs and Trino's own files");
    }
  }

  public static Optional<Metastore> fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  public static Optional<Metastore> fromEnvironment(Map<String, String> environment) {
    String uri = environment.get(URI);
    return uri == null || uri.isBlank() ? Optional.empty() : Optional.of(new Metastore(uri.trim()));
  }

  /** Spark's settings: its Hive catalog, reaching this metastore. */
  public Map<String, String> sparkSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.catalogImplementation", "hive");
    settings.put("spark.hadoop.hive.metastore.uris", uri);
    return settings;
  }

  /** The lines of Trino's Delta catalog that read the catalog from this metastore. */
  public Map<String, String> trinoCatalog() {
    Map<String, String> catalog = new LinkedHashMap<>();
    catalog.put("hive.metastore", "thrift");
    catalog.put("hive.metastore.uri", uri);
    return catalog;
  }
}
