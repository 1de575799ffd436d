package org.bluelamp.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.bluelamp.Errors;

/**
 * Where a JDBC source's database is and who to connect as, resolved by connection name from the
 * environment ({@code BLUELAMP_<NAME>_URL}, {@code _USER}, {@code _PASSWORD}) or else from the
 * connections file ({@code $BLUELAMP_CONNECTIONS}, default {@code
 * ~/.config/bluelamp/connections.properties}: {@code <name>.url}, {@code .user}, {@code
 * .password}). Never from a contract. The password is not printed.
 */
public record JdbcConnection(String name, String url, String user, String password)
    implements Serializable {
  public JdbcConnection {
    requireNonNull(name, "name");
    requireNonNull(url, "url");
  }

  public static JdbcConnection resolve(String name, Map<String, String> environment) {
    String prefix = "BLUELAMP_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    String url = environment.get(prefix + "URL");
    if (url != null) {
      return new JdbcConnection(
          name, url, environment.get(prefix + "USER"), environment.get(prefix + "PASSWORD"));
    }
    Path file =
        Path.of(
            environment.getOrDefault(
                "BLUELAMP_CONNECTIONS",
                Path.of(System.getProperty("user.home"), ".config/bluelamp/connections.properties")
                    .toString()));
    Properties properties = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw Errors.io("read the connections file " + file, e);
      }
    }
    url = properties.getProperty(name + ".url");
    if (url == null) {
      throw Errors.usage(
          "No JDBC connection '"
              + name
              + "': neither "
              + prefix
              + "URL is set nor "
              + file
              + " has "
              + name
              + ".url",
          "export "
              + prefix
              + "URL (and _USER, _PASSWORD), or add "
              + name
              + ".url, "
              + name
              + ".user and "
              + name
              + ".password to "
              + file);
    }
    return new JdbcConnection(
        name,
        url,
        properties.getProperty(name + ".user"),
        properties.getProperty(name + ".password"));
  }

  public Connection open() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(url, properties);
  }

  @Override
  public String toString() {
    return name + " (" + url + (user == null ? "" : ", user " + user) + ")";
  }
}
