package org.bluelamp.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of serving that need no server: JDK detection and the rendered configuration. */
class TestTrinoSetup {
  @TempDir Path dir;

  @Test
  void aJdkVersionIsReadFromItsReleaseFile() throws IOException {
    Path jdk25 = Files.createDirectories(dir.resolve("temurin-25"));
    Files.writeString(
        jdk25.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n");
    Path jdk17 = Files.createDirectories(dir.resolve("openjdk-17"));
    Files.writeString(jdk17.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
    assertThat(JavaRuntimes.version(jdk25)).contains(25);
    assertThat(JavaRuntimes.version(jdk17)).contains(17);
    assertThat(JavaRuntimes.version(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void theTrinoFoundOnThisMachineIsNewEnough() {
    assertThat(JavaRuntimes.version(JavaRuntimes.forTrino()).orElseThrow())
        .isGreaterThanOrEqualTo(JavaRuntimes.TRINO_MINIMUM);
  }

  @Test
  void theRenderedConfigurationPinsLoopbackPortAndTheLocalDeltaCatalog() throws IOException {
    TrinoConfig.write(
        dir,
        18080,
        "/data/lake",
        "jdbc:mysql://127.0.0.1:3306/audit?user=root&password=",
        java.util.Optional.empty());
    Properties config = properties(dir.resolve("etc/config.properties"));
    assertThat(config.getProperty("http-server.http.port")).isEqualTo("18080");
    assertThat(config.getProperty("discovery.uri")).isEqualTo("http://127.0.0.1:18080");
    assertThat(config.getProperty("coordinator")).isEqualTo("true");
    Properties node = properties(dir.resolve("etc/node.properties"));
    assertThat(node.getProperty("node.bind-ip")).isEqualTo("127.0.0.1");
    assertThat(node.getProperty("node.data-dir")).isEqualTo(dir.resolve("data").toString());
    Properties catalog = properties(dir.resolve("etc/catalog/lake.properties"));
    assertThat(catalog.getProperty("connector.name")).isEqualTo("delta_lake");
    assertThat(catalog.getProperty("hive.metastore.catalog.dir"))
        .isEqualTo("local://" + dir.resolve("metastore"));
    assertThat(catalog.getProperty("delta.register-table-procedure.enabled")).isEqualTo("true");
    assertThat(properties(dir.resolve("etc/access-control.properties")))
        .containsEntry("access-control.name", "file")
        .containsEntry("security.config-file", dir.resolve("auth/rules.json").toString());
    assertThat(properties(dir.resolve("etc/group-provider.properties")))
        .containsEntry("file.group-file", dir.resolve("auth/groups.txt").toString());
    assertThat(properties(dir.resolve("etc/audit.properties")))
        .containsEntry("event-listener.name", "mysql");
    assertThat(config.getProperty("event-listener.config-files"))
        .isEqualTo(dir.resolve("etc/audit.properties").toString());
    assertThat(config).doesNotContainKey("http-server.authentication.type");
    assertThat(dir.resolve("etc/password-authenticator.properties")).doesNotExist();
    assertThat(Files.readString(dir.resolve("etc/jvm.config")))
        .contains("-Xmx2G")
        .doesNotContain("${");
  }

  @Test
  void theSecureConfigurationAddsHttpsAndPasswordsWithTheSecretsGiven() throws IOException {
    TrinoConfig.write(
        dir,
        18080,
        "/data/lake",
        "jdbc:mysql://127.0.0.1:3306/audit",
        java.util.Optional.of(new TrinoConfig.Secure(18443, "store-secret", "shared-secret")));
    Properties config = properties(dir.resolve("etc/config.properties"));
    assertThat(config)
        .containsEntry("http-server.https.enabled", "true")
        .containsEntry("http-server.https.port", "18443")
        .containsEntry("http-server.https.keystore.key", "store-secret")
        .containsEntry("http-server.authentication.type", "PASSWORD")
        .containsEntry("internal-communication.shared-secret", "shared-secret");
    assertThat(properties(dir.resolve("etc/password-authenticator.properties")))
        .containsEntry("password-authenticator.name", "file")
        .containsEntry("file.password-file", dir.resolve("auth/password.db").toString());
    // The files hold the secrets above and the audit URL's password: no other user reads them.
    try (java.util.stream.Stream<Path> paths = Files.walk(dir.resolve("etc"))) {
      assertThat(paths.toList())
          .hasSizeGreaterThan(5)
          .allSatisfy(
              path ->
                  assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                      .as(path.toString())
                      .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }
  }

  private static Properties properties(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return properties;
  }
}
