package org.bluelamp;

import java.nio.file.Path;
import java.util.Collection;

/**
 * Every user-facing error is built here: the problem, why it happened, and how to fix it. A message
 * names the file, row, column and rule wherever one is involved.
 */
public final class Errors {
  private Errors() {}

  public static BluelampException contract(Path file, String key, String problem, String fix) {
    return new BluelampException(
        "Invalid pipeline declaration " + file + (key.isEmpty() ? "" : " at '" + key + "'"),
        problem,
        fix,
        null);
  }

  public static BluelampException missingColumns(
      String source, String file, Collection<String> missing, Collection<String> found) {
    return new BluelampException(
        "Source " + source + ": file " + file + " lacks required column(s) " + missing,
        "the file's header has " + found,
        "ask the supplier for the missing column(s), or change the 'from' names in"
            + " pipelines/sources/"
            + source.replace("__", "/")
            + ".yaml if the column was renamed; the other sources go on",
        null);
  }

  public static BluelampException ruleFailed(
      String source, String file, long offset, String rule, String detail) {
    return new BluelampException(
        "Source "
            + source
            + ": rule '"
            + rule
            + "' (action: fail) failed at "
            + file
            + " line "
            + offset,
        detail,
        "correct the record in the landing file and rerun the interval, or change the rule's"
            + " action in pipelines/sources/"
            + source.replace("__", "/")
            + ".yaml",
        null);
  }

  public static BluelampException typeChanged(
      String source,
      String column,
      String expected,
      long failed,
      String file,
      long offset,
      String example) {
    return new BluelampException(
        "Source " + source + ": column " + column + " no longer holds " + expected + " values",
        "none of its "
            + failed
            + " present values parse; the first is '"
            + example
            + "' at "
            + file
            + " line "
            + offset
            + ". The source's format has changed",
        "confirm the new format with the supplier, then change the column's type or format in"
            + " pipelines/sources/"
            + source.replace("__", "/")
            + ".yaml; this batch was not written, the other sources go on",
        null);
  }

  public static BluelampException unreadableFile(String source, String file, Throwable cause) {
    return new BluelampException(
        "Source " + source + ": cannot read " + file,
        String.valueOf(cause.getMessage()),
        "check the file exists, is readable and is in the declared encoding and format",
        cause);
  }

  public static BluelampException noTrinoJdk(Collection<String> searched) {
    return new BluelampException(
        "No Java 24+ runtime found for the Trino server",
        "Trino 476 needs Java 24 or newer; looked in " + searched,
        "install one (e.g. a Temurin 24/25 JDK under /usr/lib/jvm) or point"
            + " BLUELAMP_TRINO_JAVA_HOME at it",
        null);
  }

  public static BluelampException trinoDownload(String artifact, String output) {
    return new BluelampException(
        "Could not obtain the Trino server " + artifact + " through Maven",
        output,
        "check that Maven ('mvn') is on the PATH and Maven Central is reachable, then retry",
        null);
  }

  public static BluelampException trinoNotReady(String url, Path log, String tail) {
    return new BluelampException(
        "Trino did not become ready at " + url,
        "last lines of " + log + ":\n" + tail,
        "read the server log above; a port clash or too little memory is the usual cause."
            + " Stop a stale server with './bluelamp serve --stop'",
        null);
  }

  /** A request to a Trino server failed: it is down, unreachable, or refused the request. */
  public static BluelampException trino(String action, String url, Throwable cause) {
    return new BluelampException(
        "Failed to " + action + " (Trino at " + url + ")",
        String.valueOf(cause.getMessage()),
        "check that Trino answers at that address ('./bluelamp serve' starts the embedded one; its"
            + " log is under $BLUELAMP_HOME/trino/var/log) and that the user may do this (access"
            + " rules: sql/access/roles.yml)",
        cause);
  }

  /** A JDBC source's table could not be read. */
  public static BluelampException unreadableTable(
      String source, String table, Object connection, Throwable cause) {
    return database("read " + table + " for source " + source, connection, cause);
  }

  /** A database (a JDBC source's or the query audit's) could not be reached or read. */
  public static BluelampException database(String action, Object connection, Throwable cause) {
    return new BluelampException(
        "Failed to " + action + " (" + connection + ")",
        String.valueOf(cause.getMessage()),
        "check that the database answers (infra/embedded/databases.sh starts the embedded ones)"
            + " and the connection's URL, user and password (BLUELAMP_<NAME>_URL, _USER, _PASSWORD;"
            + " docs/operations.md)",
        cause);
  }

  /** A file or folder could not be read or written. */
  public static BluelampException io(String action, Throwable cause) {
    return new BluelampException(
        "Failed to " + action,
        String.valueOf(cause.getMessage()),
        "check disk space and permissions on the path named above",
        cause);
  }

  /** Rows of a JDBC source of the sample world could not be loaded into its database. */
  public static BluelampException worldDatabase(
      String source, String table, String url, Path script, Throwable cause) {
    return new BluelampException(
        "Failed to load " + source + " into " + table + " at " + url,
        String.valueOf(cause.getMessage()),
        "start the databases (bash infra/embedded/databases.sh); a column or table the database"
            + " lacks must be created by "
            + script
            + " with the name the contract's 'from' gives",
        cause);
  }

  public static BluelampException metastoreCatalog(String jdbcUrl, String user, Throwable cause) {
    return new BluelampException(
        "The metastore cannot open its catalog in " + jdbcUrl + " as " + user,
        String.valueOf(cause.getMessage()),
        "start PostgreSQL and create the database (infra/embedded/databases.sh creates"
            + " bluelamp_metastore), or give another with --database-url",
        cause);
  }

  public static BluelampException usage(String problem, String fix) {
    return new BluelampException(problem, "", fix, null);
  }

  public static BluelampException modelFailed(
      String model, Path file, String detail, Throwable cause) {
    return new BluelampException(
        "Gold model " + model + " (" + file + ") failed",
        detail,
        "fix the SQL in " + file + "; run './bluelamp run --layer gold' to retry only the models",
        cause);
  }
}
