package org.bluelamp.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.bluelamp.Progress;
import org.bluelamp.lake.Metastore;
import org.bluelamp.trino.HiveMetastore;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bluelamp metastore}: a Hive metastore on this machine, for Spark and Trino to share. */
@Command(
    name = "metastore",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Hive metastore (Thrift) keeping its catalog in PostgreSQL, until stopped.",
      "Jobs and 'serve' use it when BLUELAMP_METASTORE_URI=thrift://HOST:PORT is set:",
      "every table a job writes is then known to Trino by name at once. The database",
      "password, if any, comes from BLUELAMP_METASTORE_DB_PASSWORD."
    })
final class MetastoreCommand implements Callable<Integer> {
  @Option(
      names = "--host",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(
      names = "--port",
      description = "Port to listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "9083")
  int port;

  @Option(
      names = "--database-url",
      description = "PostgreSQL database of the catalog (default: ${DEFAULT-VALUE}).",
      defaultValue = "jdbc:postgresql://127.0.0.1:5432/bluelamp_metastore")
  String databaseUrl;

  @Option(
      names = "--database-user",
      description = "Its user (default: ${DEFAULT-VALUE}).",
      defaultValue = "postgres")
  String databaseUser;

  @Option(
      names = "--warehouse",
      description = "Folder of managed tables (default: <BLUELAMP_HOME>/warehouse).")
  String warehouse;

  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    HiveMetastore metastore =
        HiveMetastore.bind(
            host,
            port,
            new HiveMetastore.Database(
                databaseUrl,
                databaseUser,
                Objects.requireNonNullElse(System.getenv("BLUELAMP_METASTORE_DB_PASSWORD"), ""),
                Objects.requireNonNullElse(
                    warehouse, workspace.home().resolve("warehouse").toString())));
    String uri = "thrift://" + host + ":" + metastore.port();
    new Progress(Orchestration.OUT)
        .log(
            "metastore",
            "listening on "
                + uri
                + " (catalog in "
                + databaseUrl
                + "); use it with "
                + Metastore.URI
                + "="
                + uri);
    metastore.serve();
    return 0;
  }
}
