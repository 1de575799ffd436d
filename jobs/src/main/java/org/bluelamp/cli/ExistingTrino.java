package org.bluelamp.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The options of commands that work on a Trino of one's own (a cluster's): its JDBC URL and a user;
 * the password, if any, from {@code BLUELAMP_TRINO_PASSWORD} (never on a command line).
 */
final class ExistingTrino {
  @Option(
      names = "--trino",
      required = true,
      description = "JDBC URL of the coordinator, e.g. jdbc:trino://trino.bluelamp:8080")
  String url;

  @Option(
      names = "--user",
      required = true,
      description = "A user that sees every table of the lake catalog (the service account).")
  String user;

  Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    String password = System.getenv("BLUELAMP_TRINO_PASSWORD");
    if (password != null && !password.isEmpty()) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(url, properties);
  }
}
