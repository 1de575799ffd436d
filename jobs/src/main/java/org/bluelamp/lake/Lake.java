package org.bluelamp.lake;

import static java.util.Objects.requireNonNull;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The Delta lake under one root: {@code <root>/<schema>/<table>}. Every write goes through here so
 * that each table is also registered by name in the session's catalog (gold SQL reads {@code
 * silver.crime}).
 *
 * <p>Sources are ingested in parallel threads, and several of them write the same shared tables
 * (quarantine, the file ledger, coverage, job runs). Delta would reject one of two concurrent
 * MERGEs into one table; so every write holds that table's lock (reads never wait: they see the
 * last committed version).
 */
public final class Lake {
  public static final List<String> SCHEMAS = List.of("bronze", "silver", "gold", "ops");

  /** The Delta table property Parquet reads its row group size (bytes) from. */
  public static final String ROW_GROUP_PROPERTY = "parquet.block.size";

  private final SparkSession spark;
  private final String root;
  private final ConcurrentHashMap<TableName, ReentrantLock> locks = new ConcurrentHashMap<>();

  public Lake(SparkSession spark, String root) {
    this.spark = requireNonNull(spark, "spark");
    this.root = stripSlash(requireNonNull(root, "root"));
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String location(TableName name) {
    return location(root, name);
  }

  public static String location(String root, TableName name) {
    return root + "/" + name.schema() + "/" + name.table();
  }

  /** The table of this lake at {@code location} (as a file index names it), if it is one. */
  public java.util.Optional<TableName> tableAt(String location) {
    String prefix = plainPath(root) + "/";
    String path = plainPath(location);
    if (!path.startsWith(prefix)) {
      return java.util.Optional.empty();
    }
    String[] parts = path.substring(prefix.length()).split("/");
    return parts.length == 2 && SCHEMAS.contains(parts[0])
        ? java.util.Optional.of(TableName.of(parts[0] + "." + parts[1]))
        : java.util.Optional.empty();
  }

  public boolean exists(TableName name) {
    return DeltaTable.isDeltaTable(spark, location(name));
  }

  public Dataset<Row> read(TableName name) {
    return spark.read().format("delta").load(location(name));
  }

  /** Registers every Delta table under the root in the session catalog, by path. */
  public List<TableName> registerAll() {
    List<TableName> tables = tables();
    tables.forEach(this::register);
    return tables;
  }

  public synchronized void register(TableName name) {
    // The schema's folder in the lake: a shared metastore then records where the lake is.
    spark.sql(
        "CREATE DATABASE IF NOT EXISTS "
            + name.schema()
            + " LOCATION '"
            + (root + "/" + name.schema()).replace("'", "''")
            + "'");
    // The catalog is the session's: a name another lake registered is pointed at this lake. Only
    // catalog metadata is read and dropped (the other lake's files may be gone; they are never
    // touched).
    SessionCatalog catalog = spark.sessionState().catalog();
    TableIdentifier id = new TableIdentifier(name.table(), Option.apply(name.schema()));
    try {
      if (catalog.tableExists(id)
          && !plainPath(catalog.getTableMetadata(id).location().toString())
              .equals(plainPath(location(name)))) {
        catalog.dropTable(id, true, false);
      }
    } catch (NoSuchDatabaseException | NoSuchTableException e) {
      // not registered yet: created below
    }
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + name
            + " USING DELTA LOCATION '"
            + location(name).replace("'", "''")
            + "'");
  }

  /** A location without the local file scheme, however many slashes it was written with. */
  private static String plainPath(String location) {
    return location.replaceFirst("^file:/+", "/").replaceFirst("/+$", "");
  }

  /** Every Delta table under the root, schema by schema, in name order. */
  public List<TableName> tables() {
    return tables(root, spark.sparkContext().hadoopConfiguration());
  }

  /** The Delta tables under a lake root, found without a Spark session. */
  public static List<TableName> tables(String root, Configuration conf) {
    List<TableName> result = new ArrayList<>();
    try {
      FileSystem fs = fileSystem(root, conf);
      for (String schema : SCHEMAS) {
        Path dir = new Path(root + "/" + schema);
        if (!fs.exists(dir)) {
          continue;
        }
        FileStatus[] children = fs.listStatus(dir);
        Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus child : children) {
          if (child.isDirectory() && fs.exists(new Path(child.getPath(), "_delta_log"))) {
            result.add(new TableName(schema, child.getPath().getName()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the lake at " + root, e);
    }
    return List.copyOf(result);
  }

  /** Creates the table empty with {@code schema} when there is none (readers need it to exist). */
  public void createIfMissing(TableName name, StructType schema) {
    if (!exists(name)) {
      overwrite(name, spark.createDataFrame(List.of(), schema));
    }
  }

  /** Replaces the whole table (gold aggregates, small reference tables). */
  public void overwrite(TableName name, Dataset<Row> data) {
    overwrite(name, data, 0);
  }

  /**
   * Replaces the whole table, its Parquet row groups of about {@code rowGroupKb} KiB (0: Parquet's
   * default). Delta hands a table's properties to the Parquet writer and passes no writer option of
   * the DataFrame on, so the size is the table property {@value #ROW_GROUP_PROPERTY}, set before
   * the data is written (the table is created empty first when it is new).
   */
  public void overwrite(TableName name, Dataset<Row> data, int rowGroupKb) {
    writing(
        name,
        () -> {
          if (rowGroupKb > 0) {
            setRowGroupSize(name, data.schema(), rowGroupKb);
          }
          data.write()
              .format("delta")
              .mode("overwrite")
              .option("overwriteSchema", "true")
              .save(location(name));
        });
  }

  private void setRowGroupSize(TableName name, StructType schema, int rowGroupKb) {
    String bytes = Long.toString(rowGroupKb * 1024L);
    if (!exists(name)) {
      spark.createDataFrame(List.of(), schema).write().format("delta").save(location(name));
    } else if (bytes.equals(
        JavaConverters.mapAsJavaMap(
                DeltaTable.forPath(spark, location(name))
                    .detail()
                    .first()
                    .<scala.collection.Map<String, String>>getAs("properties"))
            .get(ROW_GROUP_PROPERTY))) {
      return;
    }
    spark.sql(
        "ALTER TABLE delta.`"
            + location(name)
            + "` SET TBLPROPERTIES ('"
            + ROW_GROUP_PROPERTY
            + "' = '"
            + bytes
            + "')");
  }

  /** Replaces the rows matching {@code predicate} and nothing else (one force, one interval). */
  public void replaceWhere(TableName name, Dataset<Row> data, String predicate) {
    writing(
        name,
        () -> {
          if (!exists(name)) {
            data.write().format("delta").mode("overwrite").save(location(name));
          } else {
            data.write()
                .format("delta")
                .mode("overwrite")
                .option("replaceWhere", predicate)
                .option("mergeSchema", "true")
                .save(location(name));
          }
        });
  }

  public void append(TableName name, Dataset<Row> data) {
    writing(
        name,
        () ->
            data.write()
                .format("delta")
                .mode("append")
                .option("mergeSchema", "true")
                .save(location(name)));
  }

  /**
   * Runs a write of the table while holding its lock, then registers the table. Every writer of a
   * table shared by concurrent jobs goes through here.
   */
  public void writing(TableName name, Runnable write) {
    ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
    lock.lock();
    try {
      write.run();
    } finally {
      lock.unlock();
    }
    register(name);
  }

  /**
   * Upserts {@code data} (unique on {@code key}) into the table. A matched row is replaced only
   * when {@code updateWhen} holds (e.g. a newer sequence), so replaying a batch changes nothing.
   */
  public void merge(TableName name, Dataset<Row> data, List<String> key, Column updateWhen) {
    Column on =
        key.stream()
            .map(k -> functions.col("t." + k).equalTo(functions.col("s." + k)))
            .reduce(Column::and)
            .orElseThrow();
    writing(
        name,
        () -> {
          if (!exists(name)) {
            // The first load has nothing to merge with: a plain write is several jobs cheaper.
            data.write().format("delta").save(location(name));
            return;
          }
          DeltaTable.forPath(spark, location(name))
              .as("t")
              .merge(data.as("s"), on)
              .whenMatched(updateWhen)
              .updateAll()
              .whenNotMatched()
              .insertAll()
              .execute();
        });
  }

  /** Deletes a whole lake, on a local disk or an object store (the demo's fresh start). */
  public static void delete(String root, Configuration conf) {
    try {
      fileSystem(root, conf).delete(new Path(uri(root)), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the lake at " + root, e);
    }
  }

  private static FileSystem fileSystem(String root, Configuration conf) throws IOException {
    return FileSystem.get(URI.create(root.contains(":") ? root : "file://" + root), conf);
  }

  /** A table's location as a URI, the form Trino registers (file:///... for local paths). */
  public static String uri(String location) {
    return location.contains(":") ? location : "file://" + location;
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
  }
}
