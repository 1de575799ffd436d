package org.bluelamp.lake;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.bluelamp.Errors;

/**
 * The S3-compatible object store a lake may live on ({@code s3a://bucket/path}), configured once
 * from the environment for both Spark (Hadoop's s3a) and Trino (its native S3 file system):
 *
 * <ul>
 *   <li>{@code BLUELAMP_S3_ENDPOINT}: the store's address, e.g. {@code http://minio:9000}; unset
 *       for AWS itself. With an endpoint, buckets are addressed by path ({@code
 *       endpoint/bucket/key}), as MinIO, Ceph and most other stores expect, unless {@code
 *       BLUELAMP_S3_PATH_STYLE=false}.
 *   <li>{@code AWS_REGION} (default {@code us-east-1}).
 *   <li>{@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}: read from the environment by
 *       both engines (never written to a file); unset, each uses its default AWS credential chain
 *       (instance profile, web identity on Kubernetes).
 * </ul>
 *
 * <p>Settings given to Spark explicitly ({@code --conf spark.hadoop.fs.s3a.*}) win over these.
 */
public record ObjectStore(
    Optional<String> endpoint, String region, boolean pathStyle, boolean keysInEnvironment) {
  public static final String ENDPOINT = "BLUELAMP_S3_ENDPOINT";

  public static ObjectStore fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  public static ObjectStore fromEnvironment(Map<String, String> environment) {
    Optional<String> endpoint = value(environment, ENDPOINT);
    endpoint.ifPresent(ObjectStore::checkEndpoint);
    boolean pathStyle =
        value(environment, "BLUELAMP_S3_PATH_STYLE")
            .map(v -> !v.equalsIgnoreCase("false"))
            .orElse(endpoint.isPresent());
    return new ObjectStore(
        endpoint,
        value(environment, "AWS_REGION").orElse("us-east-1"),
        pathStyle,
        value(environment, "AWS_ACCESS_KEY_ID").isPresent()
            && value(environment, "AWS_SECRET_ACCESS_KEY").isPresent());
  }

  /** Whether a lake root is on an object store (and so needs these settings). */
  public static boolean holds(String root) {
    String scheme = root.contains("://") ? root.substring(0, root.indexOf("://")) : "";
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "s3", "s3a", "s3n" -> true;
      default -> false;
    };
  }

  /** Hadoop's s3a settings (Spark takes them as {@code spark.hadoop.<key>}). */
  public Map<String, String> hadoopSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    endpoint.ifPresent(
        e -> {
          settings.put("fs.s3a.endpoint", e);
          settings.put("fs.s3a.connection.ssl.enabled", Boolean.toString(e.startsWith("https:")));
        });
    settings.put("fs.s3a.endpoint.region", region);
    settings.put("fs.s3a.path.style.access", Boolean.toString(pathStyle));
    return settings;
  }

  /** A Hadoop configuration with these settings, for code that lists the lake without Spark. */
  public Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    hadoopSettings().forEach(conf::set);
    return conf;
  }

  /**
   * The lines of Trino's Delta catalog that reach the same store; the keys are left to Trino's
   * {@code ${ENV:...}} substitution, so they stay out of the configuration files.
   */
  public Map<String, String> trinoCatalog() {
    Map<String, String> catalog = new LinkedHashMap<>();
    catalog.put("fs.native-s3.enabled", "true");
    endpoint.ifPresent(e -> catalog.put("s3.endpoint", e));
    catalog.put("s3.region", region);
    catalog.put("s3.path-style-access", Boolean.toString(pathStyle));
    if (keysInEnvironment) {
      catalog.put("s3.aws-access-key", "${ENV:AWS_ACCESS_KEY_ID}");
      catalog.put("s3.aws-secret-key", "${ENV:AWS_SECRET_ACCESS_KEY}");
    }
    return catalog;
  }

  private static void checkEndpoint(String endpoint) {
    if (!endpoint.matches("https?://[^/\\s]+(/\\S*)?")) {
      throw Errors.usage(
          ENDPOINT + "=" + endpoint + " is not an http(s) address",
          "set it to the object store's URL, e.g. http://127.0.0.1:9000, or unset it for AWS");
    }
  }

  private static Optional<String> value(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
