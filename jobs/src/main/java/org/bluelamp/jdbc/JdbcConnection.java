package org.bluelamp.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.bluelamp.Errors;

/**
 * Where a JDBC source's database is and who to connect as, resolved by connection name from the
 * environment ({@code BLUELAMP_<NAME>_URL}, {@code _USER}, {@code _PASSWORD}) or else from the
 * connections file ({@code $BLUELAMP_CONNECTIONS}, default {@code
 * ~/.config/bluelamp/connections.properties}: {@code <name>.url}, {@code .user}, {@code
 * .password}). Never from a contract. The password is not printed. Instead of the password itself,
 * {@code _PASSWORD_FILE} or {@code .password_file} may name a file holding it (owner-only).
 */
public record JdbcConnection(String name, String url, String user, String password)
    implements Serializable {
  public JdbcConnection {
    requireNonNull(name, "name");
    requireNonNull(url, "url");
  }

  public static JdbcConnection resolve(String name, Map<String, String> environment) {
    return resolve(name, environment, Optional.empty());
  }

  /**
   * Resolves {@code name} from the environment, else the connections file, else {@code defaults}
   * (the embedded sample world's databases on loopback, {@code
   * infra/embedded/connections.properties}).
   */
  public static JdbcConnection resolve(
      String name, Map<String, String> environment, Optional<Path> defaults) {
    String prefix = "BLUELAMP_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    String url = environment.get(prefix + "URL");
    if (url != null) {
      return new JdbcConnection(
          name,
          url,
          environment.get(prefix + "USER"),
          password(
              name,
              environment.get(prefix + "PASSWORD"),
              environment.get(prefix + "PASSWORD_FILE"),
              prefix + "PASSWORD_FILE"));
    }
    Path file =
        Path.of(
            environment.getOrDefault(
                "BLUELAMP_CONNECTIONS",
                Path.of(System.getProperty("user.home"), ".config/bluelamp/connections.properties")
                    .toString()));
    List<Path> files = new ArrayList<>(List.of(file));
    defaults.ifPresent(files::add);
    for (Path candidate : files) {
      Properties properties = properties(candidate);
      url = properties.getProperty(name + ".url");
      if (url != null) {
        return new JdbcConnection(
            name,
            url,
            properties.getProperty(name + ".user"),
            password(
                name,
                properties.getProperty(name + ".password"),
                properties.getProperty(name + ".password_file"),
                name + ".password_file in " + candidate));
      }
    }
    throw Errors.usage(
        "No JDBC connection '"
            + name
            + "': neither "
            + prefix
            + "URL is set nor "
            + files.stream().map(Path::toString).collect(Collectors.joining(" or "))
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

  /**
   * The password given, else the first line of the password file named ({@code ~/} is the home
   * directory), else none.
   */
  private static String password(String name, String given, String file, String namedBy) {
    if (given != null || file == null) {
      return given;
    }
    Path path =
        file.startsWith("~/")
            ? Path.of(System.getProperty("user.home"), file.substring(2))
            : Path.of(file);
    try {
      return Files.readAllLines(path).stream().findFirst().orElse("").strip();
    } catch (IOException e) {
      throw Errors.usage(
          "The password file "
              + path
              + " of JDBC connection '"
              + name
              + "' ("
              + namedBy
              + ") cannot be read: "
              + e.getMessage(),
          "for the embedded audit database run bash infra/embedded/databases.sh, which makes it;"
              + " otherwise write the password there, readable by its owner only (chmod 600)");
    }
  }

  private static Properties properties(Path file) {
    Properties properties = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw Errors.io("read the connections file " + file, e);
      }
    }
    return properties;
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
