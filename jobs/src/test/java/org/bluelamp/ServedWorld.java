package org.bluelamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bluelamp.jdbc.JdbcConnection;
import org.bluelamp.lake.Tables;
import org.bluelamp.pipeline.SampleWorld;
import org.bluelamp.security.AccessControl;
import org.bluelamp.security.AuditLog;
import org.bluelamp.security.Users;
import org.bluelamp.trino.TrinoServer;

/**
 * The sample world served by one real Trino server (the code path of `bluelamp serve`), with the
 * access rules of sql/access/roles.yml and one user per role, shared by the integration tests of
 * one JVM and stopped when it exits. Queries are audited into {@code bluelamp_audit_test}.
 */
public final class ServedWorld {
  /** The tests' audit database, as the embedded audit's own account (databases.sh makes it). */
  public static final JdbcConnection AUDIT = auditForTests();

  private static JdbcConnection auditForTests() {
    JdbcConnection embedded =
        JdbcConnection.resolve(
            AuditLog.CONNECTION,
            java.util.Map.of(),
            java.util.Optional.of(
                Repository.root().resolve("infra/embedded/connections.properties")));
    return new JdbcConnection(
        AuditLog.CONNECTION,
        "jdbc:mariadb://127.0.0.1:3306/bluelamp_audit_test",
        embedded.user(),
        embedded.password());
  }

  public static final String ENGINEER = "it-engineer";
  public static final String ANALYST = "it-analyst";
  public static final String OFFICER = "it-officer";
  public static final String OFFICER_CLEARED = "it-officer-c2";
  public static final String SUPERVISOR = "it-supervisor";
  public static final String MAYOR = "it-mayor";
  public static final String PUBLIC = "it-public";
  public static final String AUDITOR = "it-auditor";

  private static ServedWorld instance;

  public final SampleWorld world;
  public final AccessControl access;
  public final TrinoServer trino;
  public final String supervisorWard;

  private ServedWorld() throws IOException, SQLException {
    world = SampleWorld.built();
    assertThat(world.firstRun.failures()).as("jobs that failed building the world").isEmpty();
    // A fresh audit for a fresh server: a previous run's copy would count in the usage tests.
    forgetAudit("DROP TABLE IF EXISTS trino_queries");
    access = AccessControl.load(Repository.sql(), world.pipelines);
    Path run = Files.createTempDirectory("bluelamp-trino-it");
    trino = start(run, false);
    supervisorWard =
        world
            .lake
            .read(org.bluelamp.lake.TableName.of("gold.supervisor_live"))
            .filter("force_id = 'england'")
            .select("ward_id")
            .orderBy("ward_id")
            .first()
            .getString(0);
    add(ENGINEER, "engineer", List.of(), List.of(), 2);
    add(ANALYST, "analyst", List.of("england"), List.of(), 1);
    add(OFFICER, "officer", List.of("england"), List.of(), 1);
    add(OFFICER_CLEARED, "officer", List.of("england"), List.of(), 2);
    add(SUPERVISOR, "supervisor", List.of("england"), List.of(supervisorWard), 1);
    add(MAYOR, "mayor_office", List.of("belgium"), List.of(), 0);
    add(PUBLIC, "public", List.of(), List.of(), 0);
    add(AUDITOR, "auditor", List.of(), List.of(), 0);
    access.publish(trino, world.lake.root(), Progress.silent());
  }

  /**
   * Empties the audit (the listener's table and ops.query_audit), for a test that counts every
   * query of a role: the queries other tests ran before it would count too.
   */
  public void forgetAudit() throws SQLException {
    forgetAudit("DELETE FROM trino_queries");
  }

  private void forgetAudit(String listenerStatement) throws SQLException {
    try (Connection audit = AUDIT.open();
        Statement statement = audit.createStatement()) {
      statement.execute(listenerStatement);
    }
    world.lake.overwrite(
        Tables.QUERY_AUDIT, world.lake.spark().createDataFrame(List.of(), AuditLog.SCHEMA));
  }

  public static synchronized ServedWorld get() {
    if (instance == null) {
      try {
        instance = new ServedWorld();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance.trino::stop));
    }
    return instance;
  }

  /** A server over the same lake, with its own run folder; the caller stops it. */
  public TrinoServer start(Path run, boolean secure) {
    return start(run, secure, AUDIT);
  }

  /** A server over the same lake auditing into {@code audit}; the caller stops it. */
  public TrinoServer start(Path run, boolean secure, JdbcConnection audit) {
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "bluelamp");
    TrinoServer server =
        TrinoServer.start(
            run, cache, 0, world.lake.root(), audit, secure, new Progress(System.out));
    access.publish(server, world.lake.root(), new Progress(System.out));
    return server;
  }

  /** Adds a user as `bluelamp user add` does (checked, then written to ops.user_scope). */
  public void add(
      String name, String role, List<String> forces, List<String> wards, int clearance) {
    Users.User user = new Users.User(name, role, forces, wards, clearance);
    Users.validate(user, access.policy(), world.pipelines);
    Users.put(world.lake, user);
  }

  public Connection connect(String user) throws SQLException {
    return trino.connect(user, null);
  }

  /** The rows of {@code sql}, with its text {@code parameters}, run as {@code user}. */
  public List<List<Object>> rows(String user, String sql, String... parameters)
      throws SQLException {
    List<List<Object>> result = new ArrayList<>();
    try (Connection connection = connect(user);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            row.add(rows.getObject(c));
          }
          result.add(row);
        }
      }
    }
    return result;
  }

  /** A request to Trino's REST API as {@code user} (the API and web UI list queries). */
  public java.net.http.HttpResponse<String> rest(String user, String method, String path)
      throws java.io.IOException, InterruptedException {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + trino.port() + path))
            .header("X-Trino-User", user)
            .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
            .build();
    return java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The event listener writes asynchronously: waits until {@code queries} of the user's queries
   * whose text contains {@code containing} are recorded in the audit database.
   */
  public static void awaitRecorded(String user, String containing, int queries) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try (Connection audit = AUDIT.open();
          PreparedStatement count =
              audit.prepareStatement(
                  "SELECT count(*) FROM trino_queries WHERE user = ? AND position(? in query) > 0")) {
        count.setString(1, user);
        count.setString(2, containing);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          if (rows.getInt(1) >= queries) {
            return;
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Trino's event listener did not record " + queries + " queries");
      }
      Thread.sleep(200);
    }
  }
}
