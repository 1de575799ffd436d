package org.bluelamp.contract;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

  /** The clearance of {@code rows}: their column, or 0 for rows of a table that has none. */
  public static Column carried(Dataset<Row> rows) {
    return (List.of(rows.columns()).contains(COLUMN) ? col(COLUMN) : lit(0)).as(COLUMN);
  }
}
