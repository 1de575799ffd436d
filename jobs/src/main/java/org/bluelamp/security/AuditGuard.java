package org.bluelamp.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.jdbc.JdbcConnection;
import org.bluelamp.trino.AuthFiles;
import org.bluelamp.trino.TrinoServer;

/**
 * Refuses every user's query while the audit database does not answer ({@code serve
 * --audit-required}): Trino's audit listener drops what it cannot write and runs the query anyway,
 * so a force that must account for every query parks the access rules and leaves Trino with rules
 * that let only bluelamp's service account in, until the audit answers again; then the rules come
 * back as they were. Trino reloads its rules every second; {@link #check} is polled every few.
 */
public final class AuditGuard {
  /** Where the access rules wait while the audit is down; its presence says it is down. */
  public static final String PARKED = "rules.audit-down.json";

  private static final int CHECK_TIMEOUT_SECONDS = 5;

  private final AuthFiles auth;
  private final JdbcConnection audit;

  public AuditGuard(AuthFiles auth, JdbcConnection audit) {
    this.auth = requireNonNull(auth, "auth");
    this.audit = requireNonNull(audit, "audit");
  }

  /** The rules file the access rules belong in now: the parked copy while the audit is down. */
  public static String rulesFile(AuthFiles auth) {
    return Files.exists(auth.path(PARKED)) ? PARKED : AuthFiles.RULES;
  }

  /** Rules that let the service account in only: no one else may run a query. */
  private static String refusing() {
    ObjectNode rules = AuthFiles.serviceOnlyRules();
    rules
        .putArray("queries")
        .addObject()
        .put("user", TrinoServer.SERVICE_USER)
        .putArray("allow")
        .add("execute")
        .add("view")
        .add("kill");
    return rules.toPrettyString();
  }

  /** Whether the audit database answers a query now. */
  private boolean answers() {
    try (Connection connection = audit.open();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Checks the audit once: parks the rules when it stopped answering, restores them when it answers
   * again. Returns whether users' queries are allowed now.
   */
  public boolean check(Progress progress) {
    Path parked = auth.path(PARKED);
    boolean down = Files.exists(parked);
    boolean answers = answers();
    try {
      if (!answers && !down) {
        auth.write(PARKED, Files.readString(auth.path(AuthFiles.RULES)));
        auth.write(AuthFiles.RULES, refusing());
        progress.log(
            "audit",
            "the audit database "
                + audit
                + " does not answer: every user's query is refused until it does"
                + " (serve --audit-required); bring it back up, the rules return by themselves");
      } else if (answers && down) {
        auth.write(AuthFiles.RULES, Files.readString(parked));
        Files.delete(parked);
        progress.log("audit", "the audit database " + audit + " answers again: queries allowed");
      }
    } catch (IOException e) {
      throw Errors.io("park or restore the access rules in " + auth.path(""), e);
    }
    return answers;
  }
}
