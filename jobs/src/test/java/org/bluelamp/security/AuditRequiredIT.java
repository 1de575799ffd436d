package org.bluelamp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bluelamp.Progress;
import org.bluelamp.ServedWorld;
import org.bluelamp.jdbc.JdbcConnection;
import org.bluelamp.trino.AuthFiles;
import org.bluelamp.trino.Ports;
import org.bluelamp.trino.TrinoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --audit-required}: a Trino auditing into a MariaDB server of the test's own (its own
 * data folder and port), which the test stops and starts again. While it is down, the guard's check
 * parks the rules and every user's query is refused; once it answers, the rules return and the next
 * query is audited again. Without the guard, Trino runs the query unrecorded.
 */
class AuditRequiredIT {
  private static final String USER = ServedWorld.ANALYST;
  private static final long RELOAD_MILLIS = 2_500;

  private static Path data;
  private static int port;
  private static Process mariadb;
  private static JdbcConnection audit;
  private static TrinoServer trino;

  @BeforeAll
  static void start() throws Exception {
    ServedWorld served = ServedWorld.get();
    data = Files.createTempDirectory("bluelamp-audit-db");
    String user = System.getProperty("user.name");
    run(
        List.of(
            "mariadb-install-db",
            "--no-defaults",
            "--datadir=" + data.resolve("data"),
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            "--user=" + user));
    port = Ports.free(java.util.Set.of());
    startMariaDb();
    try (Connection root =
            DriverManager.getConnection(
                "jdbc:mariadb://localhost/?localSocket="
                    + data.resolve("mysqld.sock")
                    + "&user=root");
        Statement statement = root.createStatement()) {
      statement.execute("CREATE DATABASE guarded_audit");
      statement.execute("CREATE USER 'guard'@'127.0.0.1' IDENTIFIED BY 'guard-it-password'");
      statement.execute("GRANT ALL PRIVILEGES ON guarded_audit.* TO 'guard'@'127.0.0.1'");
    }
    audit =
        new JdbcConnection(
            AuditLog.CONNECTION,
            "jdbc:mariadb://127.0.0.1:" + port + "/guarded_audit",
            "guard",
            "guard-it-password");
    trino = served.start(Files.createTempDirectory("bluelamp-trino-guarded"), false, audit);
  }

  @AfterAll
  static void stop() throws Exception {
    if (trino != null) {
      trino.stop();
    }
    stopMariaDb();
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }

  private static void startMariaDb() throws Exception {
    mariadb =
        new ProcessBuilder(
                "mariadbd",
                "--no-defaults",
                "--datadir=" + data.resolve("data"),
                "--socket=" + data.resolve("mysqld.sock"),
                "--pid-file=" + data.resolve("mysqld.pid"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-name-resolve",
                "--user=" + System.getProperty("user.name"))
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("mariadbd.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(data.resolve("mysqld.sock"))) {
      assertThat(mariadb.isAlive())
          .as("mariadbd runs: " + Files.readString(data.resolve("mariadbd.log")))
          .isTrue();
      assertThat(System.nanoTime()).as("mariadbd ready within 60 s").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static void stopMariaDb() throws InterruptedException {
    if (mariadb != null && mariadb.isAlive()) {
      mariadb.destroy();
      assertThat(mariadb.waitFor(60, TimeUnit.SECONDS)).as("mariadbd stopped").isTrue();
    }
  }

  /** Runs a query as {@code USER} tagged with {@code marker}; the number it selects. */
  private static long query(String marker) throws SQLException {
    try (Connection connection = trino.connect(USER, null);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM lake.gold.compstat_weekly /* " + marker + " */")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** How many queries the audit recorded with {@code marker} in their text (waits a little). */
  private static long audited(String marker) throws Exception {
    long found = 0;
    for (int attempt = 0; attempt < 20 && found == 0; attempt++) {
      Thread.sleep(500);
      try (Connection connection = audit.open();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT count(*) FROM trino_queries WHERE query LIKE '%" + marker + "%'")) {
        rows.next();
        found = rows.getLong(1);
      }
    }
    return found;
  }

  @Test
  void whileTheAuditDatabaseIsDownEveryUsersQueryIsRefusedAndAfterwardsAuditedAgain()
      throws Exception {
    AuditGuard guard = new AuditGuard(trino.auth(), audit);
    Progress progress = new Progress(System.out);
    assertThat(guard.check(progress)).as("the audit answers").isTrue();
    assertThat(query("before-stop")).isPositive();
    assertThat(audited("before-stop")).as("audited while the database is up").isEqualTo(1);

    stopMariaDb();
    assertThat(guard.check(progress)).as("the audit answers").isFalse();
    assertThat(AuditGuard.rulesFile(trino.auth())).isEqualTo(AuditGuard.PARKED);
    Thread.sleep(RELOAD_MILLIS);
    assertThatThrownBy(() -> query("while-down"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Access Denied");
    // The service account still reads (serve registers tables and rewrites the rules meanwhile).
    try (Connection service = trino.connectAsService();
        Statement statement = service.createStatement()) {
      assertThat(statement.executeQuery("SELECT 1").next()).isTrue();
    }

    startMariaDb();
    assertThat(guard.check(progress)).as("the audit answers").isTrue();
    assertThat(AuditGuard.rulesFile(trino.auth())).isEqualTo(AuthFiles.RULES);
    assertThat(Files.exists(trino.auth().path(AuditGuard.PARKED))).isFalse();
    Thread.sleep(RELOAD_MILLIS);
    assertThat(query("after-restart")).isPositive();
    assertThat(audited("after-restart")).as("audited again after the restart").isEqualTo(1);
  }
}
