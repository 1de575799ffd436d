package org.bluelamp.trino;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bluelamp.Errors;
import org.bluelamp.jdbc.JdbcConnection;
import org.bluelamp.lake.Metastore;
import org.bluelamp.lake.ObjectStore;

/**
 * Writes a one-node Trino configuration for this machine into {@code <run>/etc}, from the templates
 * under {@code infra/embedded/trino/} (values in {@code ${...}} are filled in here): the Delta
 * catalog, file-based access control and groups, the audit event listener and, in secure mode,
 * HTTPS with password authentication. The access files themselves live in {@code <run>/auth}.
 */
final class TrinoConfig {
  private static final String[] FILES = {
    "node.properties",
    "config.properties",
    "jvm.config",
    "log.properties",
    "access-control.properties",
    "group-provider.properties",
    "audit.properties",
    "catalog/" + TrinoServer.CATALOG + ".properties"
  };

  private TrinoConfig() {}

  /**
   * The URL Trino's MySQL event listener connects with: the audit connection's, in the MySQL
   * driver's scheme and with its credentials. Fails clearly when the database does not answer,
   * since Trino would not start without it.
   */
  static String auditListenerUrl(JdbcConnection audit) {
    try (Connection connection = audit.open()) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw Errors.usage(
          "the audit database " + audit + " does not answer: " + e.getMessage(),
          "start it and create the database (infra/embedded/databases.sh does both on this"
              + " machine), or point BLUELAMP_AUDIT_URL/_USER/_PASSWORD at a MySQL or MariaDB");
    }
    StringBuilder url =
        new StringBuilder(audit.url().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:"));
    url.append(url.indexOf("?") < 0 ? '?' : '&');
    url.append("user=").append(encode(audit.user() == null ? "" : audit.user()));
    url.append("&password=").append(encode(audit.password() == null ? "" : audit.password()));
    return url.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** HTTPS with password authentication, and the secrets it needs. */
  record Secure(int httpsPort, String keystorePassword, String sharedSecret) {}

  /**
   * Writes the configuration; {@code auditUrl} is the MySQL-protocol JDBC URL of the audit
   * database, {@code secure} adds HTTPS and password authentication.
   */
  static void write(
      Path runDir, int port, String lakeRoot, String auditUrl, Optional<Secure> secure) {
    Map<String, String> values = new TreeMap<>();
    values.put("port", Integer.toString(port));
    values.put("data_dir", runDir.resolve("data").toAbsolutePath().toString());
    values.put("etc_dir", runDir.resolve("etc").toAbsolutePath().toString());
    values.put("auth_dir", runDir.resolve("auth").toAbsolutePath().toString());
    values.put("lake_root", lakeRoot);
    values.put("audit_url", auditUrl);
    secure.ifPresent(
        s -> {
          values.put("https_port", Integer.toString(s.httpsPort()));
          values.put("keystore_password", s.keystorePassword());
          values.put("shared_secret", s.sharedSecret());
        });
    try {
      Files.createDirectories(runDir.resolve("etc/catalog"));
      Files.createDirectories(runDir.resolve("metastore"));
      Files.deleteIfExists(runDir.resolve("etc/password-authenticator.properties"));
      for (String file : FILES) {
        Files.writeString(runDir.resolve("etc").resolve(file), render(file, values));
      }
      Files.writeString(
          runDir.resolve("etc/catalog/" + TrinoServer.CATALOG + ".properties"),
          catalogLines(runDir, lakeRoot),
          StandardOpenOption.APPEND);
      if (secure.isPresent()) {
        Files.writeString(
            runDir.resolve("etc/config.properties"),
            render("secure.properties", values),
            StandardOpenOption.APPEND);
        Files.writeString(
            runDir.resolve("etc/password-authenticator.properties"),
            render("password-authenticator.properties", values));
      }
      ownerOnly(runDir.resolve("etc"));
    } catch (IOException e) {
      throw Errors.io("write the Trino configuration under " + runDir, e);
    }
  }

  /**
   * The configuration holds the audit database's password, the key store's password and the
   * cluster's shared secret: readable by this user only, as the files under {@code auth/} are.
   */
  private static void ownerOnly(Path etc) throws IOException {
    try (Stream<Path> paths = Files.walk(etc)) {
      for (Path path : paths.toList()) {
        Files.setPosixFilePermissions(
            path,
            PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
      }
    }
  }

  /**
   * Where the Delta catalog keeps its tables (the Hive metastore shared with Spark, else Trino's
   * own files) and how it reaches an object-store lake.
   */
  private static String catalogLines(Path runDir, String lakeRoot) {
    Map<String, String> catalog = new LinkedHashMap<>();
    Optional<Metastore> metastore = Metastore.fromEnvironment();
    if (metastore.isPresent()) {
      catalog.putAll(metastore.get().trinoCatalog());
    } else {
      catalog.put("hive.metastore", "file");
      // local:// (not file://): with file:// the metastore's schema listing silently breaks.
      catalog.put(
          "hive.metastore.catalog.dir", "local://" + runDir.resolve("metastore").toAbsolutePath());
    }
    if (ObjectStore.holds(lakeRoot)) {
      catalog.putAll(ObjectStore.fromEnvironment().trinoCatalog());
    }
    StringBuilder lines = new StringBuilder();
    catalog.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
    return lines.toString();
  }

  private static String render(String file, Map<String, String> values) throws IOException {
    String template = template(file);
    for (Map.Entry<String, String> value : values.entrySet()) {
      template = template.replace("${" + value.getKey() + "}", value.getValue());
    }
    return template;
  }

  private static String template(String file) throws IOException {
    try (var in = TrinoConfig.class.getResourceAsStream("/trino/" + file)) {
      if (in == null) {
        throw new IOException("missing template /trino/" + file + " in the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
