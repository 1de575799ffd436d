package org.bluelamp.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Progress;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;

/**
 * {@code ops.silver_coverage}: per force, entity and column, how complete (non-empty) and how valid
 * the silver values are. Valid means plausible for the type: times and dates between 1900 and
 * tomorrow, numbers (counts, amounts, populations) not negative, text not blank; for the area
 * columns of located entities, present is valid (the record fell in an area). One aggregation per
 * entity, collected on the driver.
 */
final class SilverCoverage {

  private static final StructType SCHEMA =
      new StructType()
          .add("force_id", DataTypes.StringType, false)
          .add("entity", DataTypes.StringType, false)
          .add("column", DataTypes.StringType, false)
          .add("rows", DataTypes.LongType, false)
          .add("present", DataTypes.LongType, false)
          .add("completeness", DataTypes.DoubleType, true)
          .add("valid", DataTypes.LongType, false)
          .add("validity", DataTypes.DoubleType, true)
          .add("updated_at", DataTypes.TimestampType, false);

  private final Lake lake;
  private final Pipelines pipelines;
  private final Progress progress;

  SilverCoverage(Lake lake, Pipelines pipelines, Progress progress) {
    this.lake = lake;
    this.pipelines = pipelines;
    this.progress = progress;
  }

  void update(List<String> forceIds) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    int entities = 0;
    for (EntitySpec entity : pipelines.entities().values()) {
      TableName table = TableName.silver(entity.name());
      if (lake.exists(table)) {
        rows.addAll(coverage(entity, table, forceIds, now));
        entities++;
      }
    }
    String predicate = Force.rowsOf(forceIds);
    lake.replaceWhere(
        Tables.SILVER_COVERAGE, lake.spark().createDataFrame(rows, SCHEMA), predicate);
    progress.log(
        "silver",
        Tables.SILVER_COVERAGE + ": completeness and validity of " + entities + " entities");
  }

  private List<Row> coverage(
      EntitySpec entity, TableName table, List<String> forceIds, Timestamp now) {
    List<String> names = new ArrayList<>();
    List<Column> aggregates = new ArrayList<>();
    for (EntitySpec.Column column : entity.columns()) {
      names.add(column.name());
      aggregates.add(count(col(column.name())));
      aggregates.add(sum(when(valid(column), 1).otherwise(0)));
    }
    for (String area : entity.areas()) {
      names.add(area + "_id");
      aggregates.add(count(col(area + "_id")));
      aggregates.add(count(col(area + "_id")));
    }
    List<Row> rows = new ArrayList<>();
    for (Row totals :
        lake.read(table)
            .filter(col("force_id").isin(forceIds.toArray()))
            .groupBy("force_id")
            .agg(count(lit(1)), aggregates.toArray(Column[]::new))
            .collectAsList()) {
      long total = totals.getLong(1);
      for (int i = 0; i < names.size(); i++) {
        long present = totals.getLong(2 + 2 * i);
        long valid = totals.isNullAt(3 + 2 * i) ? 0 : totals.getLong(3 + 2 * i);
        rows.add(
            RowFactory.create(
                totals.getString(0),
                entity.name(),
                names.get(i),
                total,
                present,
                total == 0 ? null : (double) present / total,
                valid,
                present == 0 ? null : (double) valid / present,
                now));
      }
    }
    return rows;
  }

  private static Column valid(EntitySpec.Column column) {
    Column value = col(column.name());
    return switch (column.type()) {
      case TIMESTAMP ->
          value.between(
              lit("1900-01-01").cast("timestamp"), expr("current_timestamp() + INTERVAL 1 DAY"));
      case DATE ->
          value.between(lit("1900-01-01").cast("date"), expr("date_add(current_date(), 1)"));
      case INTEGER, LONG, DOUBLE -> value.geq(0);
      case STRING -> trim(value).notEqual("");
      case BOOLEAN -> value.isNotNull();
    };
  }
}
