package org.bluelamp.lake;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Column lists as the Spark Java API takes them, for grouped computations and joins. */
public final class SparkColumns {
  private SparkColumns() {}

  public static Column[] columns(List<String> names) {
    return names.stream().map(n -> col(n)).toArray(Column[]::new);
  }

  /** One string column identifying a row by the {@code key} columns, to join a result back on. */
  public static Column joinKey(List<String> key) {
    return org.apache.spark.sql.functions.concat_ws(
        "\u0001", key.stream().map(k -> col(k).cast("string")).toArray(Column[]::new));
  }

  public static Seq<String> seq(List<String> names) {
    return JavaConverters.asScalaBuffer(names).toSeq();
  }

  /**
   * {@code left} joined with {@code right} on the {@code groups} columns ({@code how}: inner,
   * left...); with no groups, every row of {@code right} (a single row of totals, say) beside each.
   */
  public static Dataset<Row> joinOn(
      Dataset<Row> left, Dataset<Row> right, List<String> groups, String how) {
    return groups.isEmpty() ? left.crossJoin(right) : left.join(right, seq(groups), how);
  }
}
