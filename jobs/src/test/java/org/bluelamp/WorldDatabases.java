package org.bluelamp;

import java.util.Map;
import org.bluelamp.jdbc.Connections;

/**
 * The sample world's JDBC connections pointed at a test database of the local PostgreSQL and
 * MariaDB ({@code infra/embedded/databases.sh} creates {@code bluelamp_world_test}, {@code
 * bluelamp_world_unit}, {@code bluelamp_world_trend} and {@code bluelamp_world_hotspot}), so tests
 * never touch the demo's {@code bluelamp_world} nor each other's.
 */
public final class WorldDatabases {
  private WorldDatabases() {}

  public static Connections connections(String database) {
    return new Connections(environment(database));
  }

  /** The environment variables that point the jobs at {@code database} (for a child JVM). */
  public static Map<String, String> environment(String database) {
    return Map.of(
        "BLUELAMP_ENGLAND_RMS_URL",
        "jdbc:postgresql://127.0.0.1:5432/" + database,
        "BLUELAMP_ENGLAND_RMS_USER",
        "postgres",
        "BLUELAMP_LEBANON_CAD_URL",
        "jdbc:mariadb://127.0.0.1:3306/" + database,
        "BLUELAMP_LEBANON_CAD_USER",
        "root");
  }
}
