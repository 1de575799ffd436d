package org.bluelamp.trino;

import java.net.InetSocketAddress;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.TSetIpAddressProcessor;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.TTransportFactory;
import org.bluelamp.Errors;
import org.bluelamp.lake.ObjectStore;

/**
 * A Hive metastore (the Thrift service Spark and Trino share as their catalog) for one machine,
 * from the Hive 2.3 classes Spark's Hive support brings, keeping its catalog in a PostgreSQL
 * database.
 *
 * <p>Not Hive's own {@code HiveMetaStore.main}, for two reasons. It listens on every interface with
 * no authentication; this binds the address it is given (loopback by default). And its schema
 * scripts are not in any jar: the tables are created on first use by DataNucleus, which by default
 * also adds foreign keys lazily, from a second connection, while the first one's transaction holds
 * a lock on the referenced table: the first CREATE TABLE waits on itself forever (seen with
 * PostgreSQL 15). So tables and columns are created, constraints are not.
 */
public final class HiveMetastore {
  private final TServer server;
  private final TServerSocket socket;

  private HiveMetastore(TServer server, TServerSocket socket) {
    this.server = server;
    this.socket = socket;
  }

  /** Where the catalog is kept: a PostgreSQL database, and a folder for managed tables. */
  public record Database(String jdbcUrl, String user, String password, String warehouse) {}

  /** Binds the port (so a clash fails here, not later); {@link #serve()} then answers. */
  public static HiveMetastore bind(String host, int port, Database database) {
    HiveConf conf = new HiveConf();
    conf.set("javax.jdo.option.ConnectionURL", database.jdbcUrl());
    conf.set("javax.jdo.option.ConnectionDriverName", "org.postgresql.Driver");
    conf.set("javax.jdo.option.ConnectionUserName", database.user());
    conf.set("javax.jdo.option.ConnectionPassword", database.password());
    conf.set("hive.metastore.warehouse.dir", database.warehouse());
    conf.set("hive.metastore.schema.verification", "false");
    conf.set("datanucleus.schema.autoCreateAll", "false");
    conf.set("datanucleus.schema.autoCreateSchema", "true");
    conf.set("datanucleus.schema.autoCreateTables", "true");
    conf.set("datanucleus.schema.autoCreateColumns", "true");
    conf.set("datanucleus.schema.autoCreateConstraints", "false");
    // A lake on an object store: the metastore creates the schemas' folders there.
    ObjectStore.fromEnvironment().hadoopSettings().forEach(conf::set);
    try {
      ThriftHiveMetastore.Iface handler =
          HiveMetaStore.newRetryingHMSHandler("bluelamp-metastore", conf, false);
      TServerSocket socket = new TServerSocket(new InetSocketAddress(host, port));
      TThreadPoolServer.Args args =
          new TThreadPoolServer.Args(socket)
              .processor(new TSetIpAddressProcessor<>(handler))
              .transportFactory(new TTransportFactory())
              .protocolFactory(new TBinaryProtocol.Factory())
              .minWorkerThreads(4)
              .maxWorkerThreads(64);
      return new HiveMetastore(new TThreadPoolServer(args), socket);
    } catch (TTransportException e) {
      throw Errors.usage(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(),
          "choose a free port with --port, or stop what holds it");
    } catch (Exception e) {
      throw Errors.metastoreCatalog(database.jdbcUrl(), database.user(), e);
    }
  }

  public int port() {
    return socket.getServerSocket().getLocalPort();
  }

  /** Answers until the process is stopped. */
  public void serve() {
    server.serve();
  }
}
