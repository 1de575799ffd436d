package org.bluelamp.trino;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.jdbc.JdbcConnection;

/**
 * One Trino server on loopback reading the lake through a Delta catalog named {@value #CATALOG}.
 * Its configuration and data live in a run folder; it keeps running until {@link #stop()}. By
 * default clients on loopback name themselves; in secure mode they use HTTPS and a password. Either
 * way, what each user reads is decided by the access rules (the security package's AccessControl).
 */
public final class TrinoServer {
  /** bluelamp's own account: registers tables and evaluates row filters; never a person's. */
  public static final String SERVICE_USER = "bluelamp";

  public static final String CATALOG = "lake";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final int START_ATTEMPTS = 3;
  private static final int DIAGNOSIS_LINES = 15;
  private static final Predicate<String> PORT_CLASH =
      Pattern.compile("Address already in use|Failed to bind").asPredicate();
  private static final Predicate<String> FAILURE_LINE =
      Pattern.compile("\\bERROR\\b|Caused by|Exception:|Failed to").asPredicate();

  private final Path server;
  private final Path runDir;
  private final int port;
  private final Optional<Integer> httpsPort;
  private final AuthFiles auth;
  private long logStart;

  private TrinoServer(Path server, Path runDir, int port, Optional<Integer> httpsPort) {
    this.server = requireNonNull(server, "server");
    this.runDir = requireNonNull(runDir, "runDir");
    this.port = port;
    this.httpsPort = requireNonNull(httpsPort, "httpsPort");
    this.auth = new AuthFiles(runDir);
  }

  /** The port clients use: HTTPS in secure mode, else HTTP. */
  public int port() {
    return httpsPort.orElse(port);
  }

  /** Whether clients must use HTTPS and a password. */
  public boolean secure() {
    return httpsPort.isPresent();
  }

  /** The JDBC URL for clients; in secure mode with TLS and the server's certificate to trust. */
  public String jdbcUrl() {
    return httpsPort
        .map(
            https ->
                "jdbc:trino://127.0.0.1:"
                    + https
                    + "/"
                    + CATALOG
                    + "?SSL=true&SSLTrustStorePath="
                    + auth.path(AuthFiles.CERTIFICATE))
        .orElse("jdbc:trino://127.0.0.1:" + port + "/" + CATALOG);
  }

  /** The server's TLS certificate (PEM) a client trusts in secure mode. */
  public Path certificate() {
    return auth.path(AuthFiles.CERTIFICATE);
  }

  /** A connection as {@code user}; {@code password} is needed (and only used) in secure mode. */
  public Connection connect(String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    // A prepared statement's query goes as one EXECUTE IMMEDIATE ... USING, not a PREPARE and an
    // EXECUTE: the PREPARE cost a round trip and 8-30 ms on the server, a quarter of a search.
    properties.setProperty("explicitPrepare", "false");
    if (secure() && password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  /** A connection as bluelamp's own service account (registers tables, reads the user table). */
  public Connection connectAsService() throws SQLException {
    return connect(SERVICE_USER, auth.secret("service-password"));
  }

  public AuthFiles auth() {
    return auth;
  }

  /**
   * Starts a server for the lake, or returns the one already running from {@code runDir}.
   *
   * @param port the client port (HTTPS in secure mode); 0 picks a free one
   * @param audit the audit database every completed query is written to
   * @param secure HTTPS and password authentication instead of trusted user names on loopback
   */
  public static TrinoServer start(
      Path runDir,
      Path cache,
      int port,
      String lakeRoot,
      JdbcConnection audit,
      boolean secure,
      Progress progress) {
    Path server = TrinoDistribution.ensure(cache, progress);
    Optional<TrinoServer> running = running(runDir, cache);
    if (running.isPresent()) {
      progress.log("serve", "Trino already running on port " + running.get().port());
      return running.get();
    }
    int requested = port;
    if (port != 0 && !Ports.isFree(port)) {
      progress.log("serve", "port " + port + " is taken; using a free one");
      requested = 0;
    }
    Path java = JavaRuntimes.forTrino();
    AuthFiles auth = new AuthFiles(runDir);
    if (secure) {
      Certificates.ensure(auth, java, progress);
    }
    prepareAccess(auth, secure);
    for (int attempt = 1; ; attempt++) {
      TrinoServer trino =
          launch(server, runDir, requested, lakeRoot, audit, secure, java, progress);
      Optional<String> clash = trino.awaitReady();
      if (clash.isEmpty()) {
        progress.log("serve", "Trino ready at " + trino.jdbcUrl());
        return trino;
      }
      trino.stop();
      if (attempt == START_ATTEMPTS) {
        throw Errors.trinoNotReady(
            "127.0.0.1:" + trino.port(), trino.serverLog(), clash.get() + trino.diagnosis());
      }
      progress.log("serve", clash.get() + "; starting again on other ports");
      requested = 0;
    }
  }

  /** Writes the configuration for free ports ({@code port} for clients if not 0) and starts. */
  private static TrinoServer launch(
      Path server,
      Path runDir,
      int port,
      String lakeRoot,
      JdbcConnection audit,
      boolean secure,
      Path java,
      Progress progress) {
    int chosen = port != 0 ? port : Ports.free(Set.of());
    int http = secure ? Ports.free(Set.of(chosen)) : chosen;
    AuthFiles auth = new AuthFiles(runDir);
    Optional<TrinoConfig.Secure> tls =
        secure
            ? Optional.of(
                new TrinoConfig.Secure(
                    chosen, auth.secret("keystore-password"), auth.secret("shared-secret")))
            : Optional.empty();
    TrinoConfig.write(runDir, http, lakeRoot, TrinoConfig.auditListenerUrl(audit), tls);
    progress.log(
        "serve",
        "starting Trino "
            + TrinoDistribution.VERSION
            + " on 127.0.0.1:"
            + chosen
            + (secure ? " (HTTPS, passwords)" : "")
            + " with "
            + java);
    TrinoServer trino =
        new TrinoServer(server, runDir, http, secure ? Optional.of(chosen) : Optional.empty());
    trino.logStart = trino.logSize();
    trino.launcher("start", "--jvm-dir", java.toString());
    return trino;
  }

  /**
   * Until the first sync writes the real rules, only bluelamp's service account may do anything; in
   * secure mode it gets its password.
   */
  private static void prepareAccess(AuthFiles auth, boolean secure) {
    auth.writeIfMissing(AuthFiles.RULES, AuthFiles.serviceOnlyRules().toPrettyString());
    auth.writeIfMissing(AuthFiles.GROUPS, "");
    if (secure) {
      java.util.Map<String, String> passwords = auth.passwords();
      passwords.put(SERVICE_USER, AuthFiles.hash(auth.secret("service-password").toCharArray()));
      auth.writePasswords(passwords);
    }
  }

  /** The server started earlier from {@code runDir}, if it is still running. */
  public static Optional<TrinoServer> running(Path runDir, Path cache) {
    Path server = cache.resolve("trino-server-" + TrinoDistribution.VERSION);
    Path config = runDir.resolve("etc/config.properties");
    if (!Files.isRegularFile(config) || !Files.isExecutable(server.resolve("bin/launcher"))) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (var in = Files.newInputStream(config)) {
      properties.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    Optional<Integer> https =
        Optional.ofNullable(properties.getProperty("http-server.https.port"))
            .map(Integer::parseInt);
    TrinoServer trino =
        new TrinoServer(
            server,
            runDir,
            Integer.parseInt(properties.getProperty("http-server.http.port")),
            https);
    return trino.isReady() ? Optional.of(trino) : Optional.empty();
  }

  public void stop() {
    launcher("stop");
  }

  private void launcher(String command, String... extra) {
    List<String> arguments = new ArrayList<>();
    arguments.add(server.resolve("bin/launcher").toString());
    arguments.add("--etc-dir=" + runDir.resolve("etc"));
    arguments.add("--data-dir=" + runDir.resolve("data"));
    arguments.addAll(List.of(extra));
    arguments.add(command);
    try {
      Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0 && !command.equals("stop")) {
        throw Errors.trinoNotReady(
            "127.0.0.1:" + port, serverLog(), "launcher " + command + " failed: " + output);
      }
    } catch (IOException e) {
      throw Errors.io("run the Trino launcher in " + server, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.io("wait for the Trino launcher", e);
    }
  }

  /**
   * Waits until the server answers; empty when it does, the port clash when it failed to bind a
   * port it was given (another process took it after it was chosen). Any other failure throws.
   */
  private Optional<String> awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (isReady()) {
        return Optional.empty();
      }
      Optional<String> clash = logSinceStart().stream().filter(PORT_CLASH).findFirst();
      if (clash.isPresent()) {
        return Optional.of("Trino could not bind its port: " + clash.get().strip());
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw Errors.trinoNotReady("http://127.0.0.1:" + port, serverLog(), diagnosis());
  }

  /**
   * What the server log says went wrong since this start: its error and cause lines first (Guice
   * ends a failed start with a long class-name legend that hides them), then its last lines.
   */
  private String diagnosis() {
    List<String> lines = logSinceStart();
    List<String> errors =
        lines.stream().filter(FAILURE_LINE).distinct().limit(DIAGNOSIS_LINES).toList();
    List<String> last = lines.subList(Math.max(0, lines.size() - DIAGNOSIS_LINES), lines.size());
    return "\nerrors:\n" + String.join("\n", errors) + "\nlast lines:\n" + String.join("\n", last);
  }

  private List<String> logSinceStart() {
    try {
      byte[] all = Files.readAllBytes(serverLog());
      int from = (int) Math.min(logStart, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of("(no log at " + serverLog() + ")");
    }
  }

  private long logSize() {
    try {
      return Files.isRegularFile(serverLog()) ? Files.size(serverLog()) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private boolean isReady() {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"starting\":false");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Path serverLog() {
    return runDir.resolve("data/var/log/server.log");
  }
}
