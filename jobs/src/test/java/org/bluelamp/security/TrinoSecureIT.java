package org.bluelamp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.bluelamp.ServedWorld;
import org.bluelamp.trino.TrinoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `bluelamp serve --secure`: the same lake and rules behind HTTPS (a self-signed certificate the
 * client trusts by its PEM) and password file authentication.
 */
class TrinoSecureIT {
  private static final String PASSWORD = "correct horse battery";
  private static ServedWorld served;
  private static TrinoServer secure;

  @BeforeAll
  static void serve() throws Exception {
    served = ServedWorld.get();
    Path run = Files.createTempDirectory("bluelamp-trino-secure-it");
    Users.setPassword(run, ServedWorld.ANALYST, PASSWORD.toCharArray());
    secure = served.start(run, true);
  }

  @AfterAll
  static void stop() {
    if (secure != null) {
      secure.stop();
    }
  }

  @Test
  void aUserWithTheirPasswordReadsOverHttpsWithTheirRolesRules() throws SQLException {
    assertThat(secure.secure()).isTrue();
    assertThat(secure.jdbcUrl()).startsWith("jdbc:trino://127.0.0.1:").contains("SSL=true");
    try (Connection connection = secure.connect(ServedWorld.ANALYST, PASSWORD);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*), count_if(force_id <> 'england'),"
                    + " count_if(surname LIKE 'pk\\_%' ESCAPE '\\')"
                    + " FROM lake.silver.person_record")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong(1)).isPositive();
      assertThat(rows.getLong(2)).isZero();
      assertThat(rows.getLong(3)).isEqualTo(rows.getLong(1));
    }
  }

  @Test
  void aWrongOrMissingPasswordAndAUserWithoutOneAreRefused() {
    assertThatThrownBy(() -> query(secure.connect(ServedWorld.ANALYST, "not the password")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Invalid credentials");
    assertThatThrownBy(() -> query(secure.connect(ServedWorld.OFFICER, PASSWORD)))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Invalid credentials");
    assertThatThrownBy(() -> query(secure.connect(ServedWorld.ANALYST, null)))
        .isInstanceOf(SQLException.class);
  }

  @Test
  void aPasswordIsNeverSentOverPlainHttp() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", ServedWorld.ANALYST);
    properties.setProperty("password", PASSWORD);
    String http = "jdbc:trino://127.0.0.1:" + secure.port() + "/" + TrinoServer.CATALOG;
    assertThatThrownBy(() -> query(DriverManager.getConnection(http, properties)))
        .isInstanceOf(SQLException.class);
  }

  private static void query(Connection connection) throws SQLException {
    try (connection;
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM lake.gold.mayor_weekly")) {
      rows.next();
    }
  }
}
