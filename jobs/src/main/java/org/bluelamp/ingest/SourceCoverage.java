package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.contract.ColumnSpec;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;

/**
 * {@code ops.source_coverage}: for every source and mapped column, over everything ingested so far,
 * how complete (present in accepted records) and how valid (present values that passed their parse
 * and code-list checks) it is, and when the source last delivered. Recomputed after each ingestion
 * of the source, so it reads the same after a rerun.
 */
public final class SourceCoverage {
  public static final TableName TABLE = new TableName("ops", "source_coverage");

  private static final StructType SCHEMA =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("column", DataTypes.StringType, false)
          .add("source_column", DataTypes.StringType, true)
          .add("accepted_rows", DataTypes.LongType, false)
          .add("present", DataTypes.LongType, false)
          .add("completeness", DataTypes.DoubleType, true)
          .add("invalid", DataTypes.LongType, false)
          .add("validity", DataTypes.DoubleType, true)
          .add("last_ingested_at", DataTypes.TimestampType, true)
          .add("last_file", DataTypes.StringType, true)
          .add("updated_at", DataTypes.TimestampType, false);

  private SourceCoverage() {}

  public static void update(Lake lake, SourceContract contract) {
    TableName bronze = IngestJob.bronzeTable(contract);
    if (!lake.exists(bronze)) {
      return;
    }
    List<ColumnSpec> columns = contract.columns().stream().filter(c -> !c.isConstant()).toList();
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(max("_ingested_at"));
    aggregates.add(max("_file"));
    columns.forEach(c -> aggregates.add(count(col(c.name()))));
    Row totals = lake.read(bronze).agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
    Map<String, Long> invalid = new HashMap<>();
    if (lake.exists(Quarantine.TABLE)) {
      for (Row row :
          lake.read(Quarantine.TABLE)
              .filter(col("_source").equalTo(contract.id()))
              .selectExpr("explode(failures) AS f")
              .filter("f.rule LIKE 'parse:%' OR f.rule LIKE 'code_list:%'")
              .groupBy("f.rule")
              .count()
              .collectAsList()) {
        invalid.put(row.getString(0).substring(row.getString(0).indexOf(':') + 1), row.getLong(1));
      }
    }
    long rows = totals.getLong(0);
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> coverage = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      long present = totals.getLong(3 + i);
      long bad = invalid.getOrDefault(column.name(), 0L);
      coverage.add(
          RowFactory.create(
              contract.id(),
              column.name(),
              column.from(),
              rows,
              present,
              rows == 0 ? null : (double) present / rows,
              bad,
              present + bad == 0 ? null : (double) present / (present + bad),
              totals.getTimestamp(1),
              totals.getString(2),
              now));
    }
    lake.replaceWhere(
        TABLE,
        lake.spark().createDataFrame(coverage, SCHEMA),
        "source = '" + contract.id().replace("'", "''") + "'");
  }
}
