package org.bluelamp.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bluelamp.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JDBC credentials come from the environment or the connections file, never a contract. */
class TestJdbcConnection {
  @TempDir Path dir;

  @Test
  void theEnvironmentWinsOverTheFile() throws IOException {
    Path file = dir.resolve("connections.properties");
    Files.writeString(file, "rms.url=jdbc:postgresql://file/db\nrms.user=file\n");
    JdbcConnection connection =
        JdbcConnection.resolve(
            "rms",
            Map.of(
                "BLUELAMP_RMS_URL", "jdbc:postgresql://env/db",
                "BLUELAMP_RMS_USER", "reader",
                "BLUELAMP_RMS_PASSWORD", "s3cret",
                "BLUELAMP_CONNECTIONS", file.toString()));
    assertThat(connection.url()).isEqualTo("jdbc:postgresql://env/db");
    assertThat(connection.user()).isEqualTo("reader");
    assertThat(connection.toString()).doesNotContain("s3cret");
  }

  @Test
  void theFileIsReadWhenTheEnvironmentHasNothing() throws IOException {
    Path file = dir.resolve("connections.properties");
    Files.writeString(file, "rms.url=jdbc:postgresql://file/db\nrms.user=file\nrms.password=pw\n");
    JdbcConnection connection =
        JdbcConnection.resolve("rms", Map.of("BLUELAMP_CONNECTIONS", file.toString()));
    assertThat(connection.url()).isEqualTo("jdbc:postgresql://file/db");
    assertThat(connection.password()).isEqualTo("pw");
  }

  @Test
  void aPasswordFileIsReadAndAnUnreadableOneSaysWhichAndWhy() throws IOException {
    Path secret = dir.resolve("audit.password");
    Files.writeString(secret, "from-the-file\n");
    Path file = dir.resolve("connections.properties");
    Files.writeString(
        file,
        "audit.url=jdbc:mariadb://h/audit\naudit.user=bluelamp_audit\naudit.password_file="
            + secret
            + "\n");
    JdbcConnection connection =
        JdbcConnection.resolve("audit", Map.of("BLUELAMP_CONNECTIONS", file.toString()));
    assertThat(connection.password()).isEqualTo("from-the-file");
    assertThat(connection.toString()).doesNotContain("from-the-file");
    assertThat(
            JdbcConnection.resolve(
                    "audit",
                    Map.of(
                        "BLUELAMP_AUDIT_URL",
                        "jdbc:mariadb://env/audit",
                        "BLUELAMP_AUDIT_PASSWORD_FILE",
                        secret.toString()))
                .password())
        .isEqualTo("from-the-file");
    Files.delete(secret);
    assertThatThrownBy(
            () -> JdbcConnection.resolve("audit", Map.of("BLUELAMP_CONNECTIONS", file.toString())))
        .hasMessageContaining(secret.toString())
        .hasMessageContaining("audit.password_file in " + file)
        .hasMessageContaining("databases.sh");
  }

  @Test
  void aMissingConnectionSaysWhereItWasLookedFor() {
    Path file = dir.resolve("none.properties");
    assertThatThrownBy(
            () -> JdbcConnection.resolve("rms", Map.of("BLUELAMP_CONNECTIONS", file.toString())))
        .hasMessageContaining("No JDBC connection 'rms'")
        .hasMessageContaining("BLUELAMP_RMS_URL")
        .hasMessageContaining(file.toString());
  }

  @Test
  void keysWithoutANumericPartitionColumnHashStably() {
    assertThat(JdbcRawReader.keyHash(java.util.List.of("C-1")))
        .isEqualTo(JdbcRawReader.keyHash(java.util.List.of("C-1")))
        .isNotEqualTo(JdbcRawReader.keyHash(java.util.List.of("C-2")))
        .isNotNegative();
  }
}
