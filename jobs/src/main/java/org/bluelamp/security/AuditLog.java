package org.bluelamp.security;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.to_date;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.jdbc.JdbcConnection;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;

/**
 * The query audit. Trino's MySQL event listener writes every completed query, allowed or denied, to
 * the table {@code trino_queries} of the audit database (the JDBC connection named {@value
 * #CONNECTION}: MariaDB on loopback in the embedded default); {@link #copy} merges it into the
 * Delta table {@code ops.query_audit} by query id, so a copy repeated changes nothing. A query
 * succeeded when Trino reports no error; a client that closes a result before its end (a BI tool
 * reading the first page) is recorded by Trino as USER_CANCELED, with the rows it was sent.
 */
public final class AuditLog {
  public static final String CONNECTION = "audit";
  private static final String SOURCE_TABLE = "trino_queries";

  public static final StructType SCHEMA =
      new StructType()
          .add("query_id", DataTypes.StringType, false)
          .add("started_at", DataTypes.TimestampType, true)
          .add("day", DataTypes.DateType, true)
          .add("user_name", DataTypes.StringType, false)
          .add("principal", DataTypes.StringType, true)
          .add("client", DataTypes.StringType, true)
          .add("remote_address", DataTypes.StringType, true)
          .add("sql_text", DataTypes.StringType, false)
          .add("query_type", DataTypes.StringType, true)
          .add("state", DataTypes.StringType, false)
          .add("succeeded", DataTypes.BooleanType, false)
          .add("denied", DataTypes.BooleanType, false)
          .add("error_code", DataTypes.StringType, true)
          .add("failure_message", DataTypes.StringType, true)
          .add("tables_read", DataTypes.createArrayType(DataTypes.StringType), true)
          .add("rows_returned", DataTypes.LongType, true)
          .add("wall_time_ms", DataTypes.LongType, true)
          .add("captured_at", DataTypes.TimestampType, false);

  private AuditLog() {}

  /** Creates an empty {@code ops.query_audit} when there is none, so models reading it build. */
  public static void ensureTable(Lake lake) {
    lake.createIfMissing(Tables.QUERY_AUDIT, SCHEMA);
  }

  /** Copies the queries the event listener recorded that the lake does not have yet. */
  public static JobResult copy(Lake lake, JdbcConnection audit, Progress progress) {
    ensureTable(lake);
    if (!listenerTableExists(audit)) {
      progress.log("audit", "no queries recorded yet in " + audit);
      return JobResult.written("audit", Tables.QUERY_AUDIT.toString(), 0);
    }
    Dataset<Row> events =
        lake.spark()
            .read()
            .format("jdbc")
            .option("url", audit.url())
            .option("dbtable", SOURCE_TABLE)
            // Spark quotes column names with double quotes, which MySQL/MariaDB read as strings.
            .option(
                "sessionInitStatement", "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')")
            .option("user", audit.user() == null ? "" : audit.user())
            .option("password", audit.password() == null ? "" : audit.password())
            .load();
    Dataset<Row> rows =
        events
            .select(
                col("query_id"),
                expr("to_timestamp(substr(query_id, 1, 15), 'yyyyMMdd_HHmmss')").as("started_at"),
                col("user").as("user_name"),
                col("principal"),
                col("source").as("client"),
                col("remote_client_address").as("remote_address"),
                col("query").as("sql_text"),
                col("query_type"),
                col("query_state").as("state"),
                col("error_code").isNull().as("succeeded"),
                expr("coalesce(error_code = 'PERMISSION_DENIED', false)").as("denied"),
                col("error_code"),
                col("failure_message"),
                expr("transform(from_json(inputs_json,"
                        + " 'array<struct<catalogName:string,schema:string,table:string>>'),"
                        + " i -> concat_ws('.', i.catalogName, i.schema, i.table))")
                    .as("tables_read"),
                col("output_rows").cast("long").as("rows_returned"),
                col("wall_time_millis").cast("long").as("wall_time_ms"))
            .withColumn("day", to_date(col("started_at")))
            .withColumn("captured_at", current_timestamp())
            .select(SCHEMA.fieldNames()[0], otherFields());
    Dataset<Row> fresh =
        rows.join(
                lake.read(Tables.QUERY_AUDIT).select("query_id"),
                new String[] {"query_id"},
                "left_anti")
            .cache();
    try {
      long count = fresh.count();
      if (count > 0) {
        // Only queries the table lacks are left: appending them is the whole merge.
        lake.append(Tables.QUERY_AUDIT, fresh);
      }
      progress.log(
          "audit",
          Tables.QUERY_AUDIT + ": " + Progress.count(count) + " new queries from " + audit);
      return JobResult.written("audit", Tables.QUERY_AUDIT.toString(), count);
    } finally {
      fresh.unpersist();
    }
  }

  private static String[] otherFields() {
    String[] names = SCHEMA.fieldNames();
    return java.util.Arrays.copyOfRange(names, 1, names.length);
  }

  private static boolean listenerTableExists(JdbcConnection audit) {
    try (Connection connection = audit.open();
        ResultSet tables =
            connection
                .getMetaData()
                .getTables(connection.getCatalog(), null, SOURCE_TABLE, new String[] {"TABLE"})) {
      // The catalog matters: without it MariaDB finds the table in any database of the server.
      return tables.next();
    } catch (SQLException e) {
      throw Errors.database("read the audit database", audit, e);
    }
  }
}
