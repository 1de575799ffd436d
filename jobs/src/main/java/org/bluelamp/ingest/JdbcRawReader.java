package org.bluelamp.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.Errors;
import org.bluelamp.contract.ReaderSpec;
import org.bluelamp.jdbc.JdbcConnection;

/**
 * Reads the new rows of a database table: those whose watermark column is above the stored
 * watermark and at most the table's maximum when the run starts (so rows written during the run
 * wait for the next one). With a numeric {@code partition_column}, the window is split into ranges
 * read in parallel, one connection per task. Every value is bound as a parameter; names come only
 * from the validated contract and are quoted in the database's own way.
 */
final class JdbcRawReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one run reads: the rows, the table's name in lineage, and the watermark to store. */
  record Window(Dataset<Row> raw, String file, Optional<Watermarks.Mark> high, String describe) {}

  private JdbcRawReader() {}

  static Optional<Window> read(
      SparkSession spark,
      String source,
      ReaderSpec spec,
      JdbcConnection connection,
      Optional<Watermarks.Mark> low,
      List<String> columns,
      List<String> keyColumns) {
    String file = "jdbc:" + connection.name() + "/" + spec.option("table", "");
    Optional<String> watermark = Optional.ofNullable(spec.options().get("watermark"));
    Optional<String> partitionColumn = Optional.ofNullable(spec.options().get("partition_column"));
    int partitions = Integer.parseInt(spec.option("partitions", "1"));
    Plan plan;
    Optional<Watermarks.Mark> high = Optional.empty();
    try (Connection db = connection.open()) {
      String quote = db.getMetaData().getIdentifierQuoteString().strip();
      String table = quote(spec.option("table", ""), quote);
      List<String> found = new ArrayList<>();
      try (PreparedStatement probe =
              db.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
          ResultSet rows = probe.executeQuery()) {
        ResultSetMetaData meta = rows.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          found.add(meta.getColumnLabel(i));
        }
      }
      List<String> missing = columns.stream().filter(c -> !found.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw Errors.missingColumns(source, file, missing, found);
      }
      String where = "";
      List<Watermarks.Mark> binds = new ArrayList<>();
      if (watermark.isPresent()) {
        String column = quote(watermark.get(), quote);
        high =
            maximum(
                db,
                "SELECT max("
                    + column
                    + ") FROM "
                    + table
                    + (low.isPresent() ? " WHERE " + column + " > ?" : ""),
                low);
        if (high.isEmpty()) {
          return Optional.empty();
        }
        where = (low.isPresent() ? column + " > ? AND " : "") + column + " <= ?";
        low.ifPresent(binds::add);
        binds.add(high.get());
      }
      List<long[]> ranges = new ArrayList<>();
      if (partitionColumn.isPresent() && partitions > 1) {
        ranges = ranges(db, table, quote(partitionColumn.get(), quote), where, binds, partitions);
      }
      plan = new Plan(table, quote, where, binds, ranges);
    } catch (SQLException e) {
      throw Errors.unreadableTable(source, file, connection, e);
    }
    List<String> tasks = new ArrayList<>();
    if (plan.ranges().isEmpty()) {
      tasks.add("all");
    } else {
      plan.ranges().forEach(r -> tasks.add(r[0] + ":" + r[1]));
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ReadRange task =
        new ReadRange(
            source,
            file,
            connection,
            plan,
            partitionColumn.orElse(null),
            List.copyOf(columns),
            List.copyOf(keyColumns));
    Dataset<Row> raw =
        spark.createDataFrame(
            context.parallelize(tasks, tasks.size()).flatMap(task), RawReader.schema(columns));
    String window =
        watermark.isEmpty()
            ? "whole table"
            : watermark.get()
                + " in ("
                + low.map(Watermarks.Mark::value).orElse("start")
                + ", "
                + plan.binds().get(plan.binds().size() - 1).value()
                + "]";
    String describe = file + ", " + window + ", " + tasks.size() + " range(s)";
    return Optional.of(new Window(raw, file, high, describe));
  }

  /** What the executors run: the quoted table, the window's predicate and values, the ranges. */
  record Plan(
      String table, String quote, String where, List<Watermarks.Mark> binds, List<long[]> ranges)
      implements java.io.Serializable {}

  static String quote(String name, String quote) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("\\.")) {
      parts.add(quote + part + quote);
    }
    return String.join(".", parts);
  }

  private static Optional<Watermarks.Mark> maximum(
      Connection db, String sql, Optional<Watermarks.Mark> low) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      if (low.isPresent()) {
        bind(statement, 1, low.get());
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        Object value = rows.getObject(1);
        if (value == null) {
          return Optional.empty();
        }
        int type = rows.getMetaData().getColumnType(1);
        String text =
            isTemporal(type)
                ? rows.getTimestamp(1).toString()
                : rows.getBigDecimal(1) != null && isNumeric(type)
                    ? rows.getBigDecimal(1).toPlainString()
                    : rows.getString(1);
        return Optional.of(new Watermarks.Mark(text, type));
      }
    }
  }

  private static List<long[]> ranges(
      Connection db,
      String table,
      String column,
      String where,
      List<Watermarks.Mark> binds,
      int count)
      throws SQLException {
    try (PreparedStatement statement =
        db.prepareStatement(
            "SELECT min("
                + column
                + "), max("
                + column
                + ") FROM "
                + table
                + (where.isEmpty() ? "" : " WHERE " + where))) {
      for (int i = 0; i < binds.size(); i++) {
        bind(statement, i + 1, binds.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        long min = rows.getLong(1);
        long max = rows.getLong(2);
        if (rows.wasNull()) {
          return List.of();
        }
        List<long[]> ranges = new ArrayList<>();
        long step = Math.max(1, (max - min + 1 + count - 1) / count);
        for (long start = min; start <= max; start += step) {
          ranges.add(new long[] {start, Math.min(max + 1, start + step)});
        }
        return ranges;
      }
    }
  }

  static void bind(PreparedStatement statement, int index, Watermarks.Mark mark)
      throws SQLException {
    if (isTemporal(mark.sqlType())) {
      statement.setTimestamp(index, Timestamp.valueOf(mark.value()));
    } else if (isNumeric(mark.sqlType())) {
      statement.setBigDecimal(index, new BigDecimal(mark.value()));
    } else {
      statement.setString(index, mark.value());
    }
  }

  private static boolean isTemporal(int type) {
    return type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.DATE;
  }

  private static boolean isNumeric(int type) {
    return switch (type) {
      case Types.INTEGER,
              Types.BIGINT,
              Types.SMALLINT,
              Types.TINYINT,
              Types.NUMERIC,
              Types.DECIMAL ->
          true;
      default -> false;
    };
  }

  /**
   * A row's stable offset when the table has no numeric partition column: 63 bits of the SHA-256 of
   * its key, so the same row has the same offset in every window (quarantine verdicts key on it).
   */
  static long keyHash(List<String> key) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(String.join("\u0001", key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.nio.ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One task: one range of the window, read over its own connection. */
  private static final class ReadRange implements FlatMapFunction<String, Row> {
    private final String source;
    private final String file;
    private final JdbcConnection connection;
    private final Plan plan;
    private final String partitionColumn;
    private final List<String> columns;
    private final List<String> keyColumns;

    ReadRange(
        String source,
        String file,
        JdbcConnection connection,
        Plan plan,
        String partitionColumn,
        List<String> columns,
        List<String> keyColumns) {
      this.keyColumns = keyColumns;
      this.source = source;
      this.file = file;
      this.connection = connection;
      this.plan = plan;
      this.partitionColumn = partitionColumn;
      this.columns = columns;
    }

    @Override
    public Iterator<Row> call(String range) {
      List<String> conditions = new ArrayList<>();
      if (!plan.where().isEmpty()) {
        conditions.add(plan.where());
      }
      String column = partitionColumn == null ? null : quote(partitionColumn, plan.quote());
      if (!range.equals("all")) {
        conditions.add(column + " >= ? AND " + column + " < ?");
      }
      String sql =
          "SELECT * FROM "
              + plan.table()
              + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
      List<Row> rows = new ArrayList<>();
      Set<String> declared = new HashSet<>(columns);
      if (partitionColumn != null) {
        declared.add(partitionColumn); // lineage (the offset), not a new column of the source
      }
      try (Connection db = connection.open()) {
        db.setAutoCommit(false); // lets PostgreSQL stream with the fetch size
        try (PreparedStatement statement = db.prepareStatement(sql)) {
          statement.setFetchSize(5_000);
          int index = 1;
          for (Watermarks.Mark mark : plan.binds()) {
            bind(statement, index++, mark);
          }
          if (!range.equals("all")) {
            String[] bounds = range.split(":");
            statement.setLong(index++, Long.parseLong(bounds[0]));
            statement.setLong(index, Long.parseLong(bounds[1]));
          }
          try (ResultSet result = statement.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
              Map<String, String> fields = new TreeMap<>();
              ObjectNode raw = JSON.createObjectNode();
              for (int i = 1; i <= meta.getColumnCount(); i++) {
                String value = result.getString(i);
                fields.put(meta.getColumnLabel(i), value);
                raw.put(meta.getColumnLabel(i), value);
              }
              long offset =
                  partitionColumn != null
                      ? Long.parseLong(fields.get(partitionColumn))
                      : keyHash(keyColumns.stream().map(fields::get).toList());
              List<Object> values = new ArrayList<>();
              values.add(file);
              values.add(offset);
              values.add(raw.toString());
              values.add(null);
              Map<String, String> extra = new TreeMap<>();
              fields.forEach(
                  (k, v) -> {
                    if (!declared.contains(k)) {
                      extra.put(k, v);
                    }
                  });
              values.add(
                  extra.isEmpty() ? null : scala.collection.JavaConverters.mapAsScalaMap(extra));
              columns.forEach(c -> values.add(fields.get(c)));
              rows.add(RowFactory.create(values.toArray()));
            }
          }
        }
      } catch (SQLException e) {
        throw Errors.unreadableTable(source, file, connection, e);
      }
      return rows.iterator();
    }
  }
}
