package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.contract.ColumnSpec;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;

/**
 * {@code ops.source_coverage}: for every source and mapped column, over everything ingested so far,
 * how complete (present in accepted records) and how valid (present values that passed their parse
 * and code-list checks) it is, and when the source last delivered. Recomputed from bronze and the
 * quarantine after the sources of a run are ingested, so it reads the same after a rerun.
 */
public final class SourceCoverage {

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

  /**
   * Recomputes the coverage of {@code contracts} (those with a bronze table) in one Spark job over
   * their bronze tables and one over the quarantine, then replaces their rows in one commit: per
   * source this costs a scan, not a job and a commit of its own. Returns the rows written.
   */
  public static int update(Lake lake, List<SourceContract> contracts) {
    List<SourceContract> ingested =
        contracts.stream().filter(c -> lake.exists(TableName.bronze(c.id()))).toList();
    if (ingested.isEmpty()) {
      return 0;
    }
    Map<String, Long> invalid = invalidValues(lake, ingested);
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> coverage = new ArrayList<>();
    for (Row totals : totals(lake, ingested)) {
      String source = totals.getString(0);
      long rows = totals.getLong(1);
      for (Row column : totals.<Row>getList(4)) {
        long present = column.getLong(2);
        long bad = invalid.getOrDefault(source + "\n" + column.getString(0), 0L);
        coverage.add(
            RowFactory.create(
                source,
                column.getString(0),
                column.getString(1),
                rows,
                present,
                rows == 0 ? null : (double) present / rows,
                bad,
                present + bad == 0 ? null : (double) present / (present + bad),
                totals.getTimestamp(2),
                totals.getString(3),
                now));
      }
    }
    lake.replaceWhere(
        Tables.SOURCE_COVERAGE,
        lake.spark().createDataFrame(coverage, SCHEMA),
        ingested.stream()
            .map(c -> "'" + c.id().replace("'", "''") + "'")
            .collect(Collectors.joining(", ", "source IN (", ")")));
    return coverage.size();
  }

  /**
   * Per source: {@code source, rows, last ingested at, last file, columns} where columns holds
   * {@code (column, source column, present)} for every mapped column.
   */
  private static List<Row> totals(Lake lake, List<SourceContract> contracts) {
    return contracts.stream()
        .map(contract -> totals(lake, contract))
        .reduce(Dataset::unionByName)
        .orElseThrow()
        .collectAsList();
  }

  private static Dataset<Row> totals(Lake lake, SourceContract contract) {
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec column : contract.columns()) {
      if (!column.isConstant()) {
        columns.add(
            struct(
                lit(column.name()).as("column"),
                lit(column.from()).as("source_column"),
                count(col(column.name())).as("present")));
      }
    }
    return lake.read(TableName.bronze(contract.id()))
        .agg(
            lit(contract.id()).as("source"),
            count(lit(1)).as("rows"),
            max("_ingested_at").as("last_ingested_at"),
            max("_file").as("last_file"),
            array(columns.toArray(Column[]::new)).as("columns"));
  }

  /** Values that failed their parse or code-list check, by source and column ("source\ncolumn"). */
  private static Map<String, Long> invalidValues(Lake lake, List<SourceContract> contracts) {
    Map<String, Long> invalid = new HashMap<>();
    if (!lake.exists(Tables.QUARANTINE)) {
      return invalid;
    }
    for (Row row :
        lake.read(Tables.QUARANTINE)
            .filter(col("_source").isin(contracts.stream().map(SourceContract::id).toArray()))
            .selectExpr("_source", "explode(failures) AS f")
            .filter("f.rule LIKE 'parse:%' OR f.rule LIKE 'code_list:%'")
            .groupBy("_source", "f.rule")
            .count()
            .collectAsList()) {
      String rule = row.getString(1);
      invalid.put(row.getString(0) + "\n" + rule.substring(rule.indexOf(':') + 1), row.getLong(2));
    }
    return invalid;
  }
}
