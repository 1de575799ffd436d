package org.bluelamp.contract;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The clearance a row needs: an entity whose records are graded (intelligence by its handling code)
 * declares {@code clearance:} in its YAML, an SQL expression over its columns; silver stores its
 * value in {@link #COLUMN}, and every table whose values derive from such rows carries the highest
 * clearance of the rows each of its rows derives from ({@code max(clearance_required)} in an
 * aggregate). Trino shows a row only to a user whose clearance is at least that (the row filter
 * {@code serve} generates), and refuses to serve a table whose values derive from graded rows
 * without the column deriving from theirs (docs/serving.md).
 */
public final class Clearance {
  /** The column holding the clearance a row needs. */
  public static final String COLUMN = "clearance_required";

  /**
   * In a tiered table ({@link #tiered}), the clearance from which the next tier of the same row
   * shows instead (empty for the highest): a user sees the tier with {@code clearance_required <=
   * clearance < clearance_until}.
   */
  public static final String UNTIL = "clearance_until";

  /** The highest clearance a user may hold; the level of rows whose grading is not known. */
  public static final int HIGHEST = 9;

  private Clearance() {}

  /**
   * The clearance {@code entity}'s rows need by its declared expression; a row the expression
   * leaves empty needs the highest (fail closed).
   */
  public static Column of(EntitySpec entity) {
    return coalesce(expr(entity.clearance().orElseThrow()).cast("int"), lit(HIGHEST)).as(COLUMN);
  }

  /**
   * An aggregate of graded {@code rows} that each user sees built from the rows they may see: built
   * by {@code build} once per clearance level the rows hold, from the rows at or below it (its
   * {@link #COLUMN} the highest of them), a tier kept where it differs from the one below, and
   * {@link #UNTIL} saying from which clearance the next tier shows instead. A level-1 officer so
   * sees a person built from the level-0 and level-1 records, and nothing of the level-2 ones, not
   * even that they exist; without tiers the person would vanish for them.
   */
  public static Dataset<Row> tiered(
      Dataset<Row> rows, List<String> grain, Function<Dataset<Row>, Dataset<Row>> build) {
    List<Integer> levels =
        rows.select(COLUMN).distinct().collectAsList().stream()
            .map(r -> r.getInt(0))
            .sorted()
            .toList();
    Dataset<Row> tiers = null;
    for (int level : levels) {
      Dataset<Row> tier = build.apply(rows.filter(col(COLUMN).leq(level)));
      tiers = tiers == null ? tier : tiers.unionByName(tier);
    }
    if (tiers == null) {
      return build.apply(rows).withColumn(UNTIL, lit(null).cast("int"));
    }
    List<String> tier = new ArrayList<>(grain);
    tier.add(COLUMN);
    return tiers
        .dropDuplicates(tier.toArray(String[]::new))
        .withColumn(
            UNTIL,
            lead(col(COLUMN), 1)
                .over(
                    Window.partitionBy(grain.stream().map(c -> col(c)).toArray(Column[]::new))
                        .orderBy(COLUMN)));
  }

  /** The clearance of {@code rows}: their column, or 0 for rows of a table that has none. */
  public static Column carried(Dataset<Row> rows) {
    return (List.of(rows.columns()).contains(COLUMN) ? col(COLUMN) : lit(0)).as(COLUMN);
  }
}
