package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.bluelamp.contract.Action;

/**
 * A record's failed checks, as an array column of {@code struct<rule, column, value, action,
 * reason>}: one element per failed parse, lookup, location or quality rule.
 */
final class Failures {
  static final String COLUMN = "_failures";

  private Failures() {}

  /** A failure element when {@code failed} holds, otherwise NULL (dropped by {@link #of}). */
  static Column when(
      Column failed, String rule, String column, Column value, Action action, Column reason) {
    return functions.when(
        failed,
        struct(
            lit(rule).as("rule"),
            lit(column).cast("string").as("column"),
            value.cast("string").as("value"),
            lit(action.name().toLowerCase(Locale.ROOT)).as("action"),
            reason.as("reason")));
  }

  static Column of(List<Column> candidates) {
    if (candidates.isEmpty()) {
      return functions
          .array()
          .cast(
              "array<struct<rule:string,column:string,value:string,action:string,reason:string>>");
    }
    return functions.filter(functions.array(candidates.toArray(Column[]::new)), Column::isNotNull);
  }

  static Column having(Action action) {
    String name = action.name().toLowerCase(Locale.ROOT);
    return functions.exists(functions.col(COLUMN), f -> f.getField("action").equalTo(name));
  }

  /** The first failure that quarantines the record (its headline reason). */
  static Column firstQuarantining() {
    return functions
        .filter(functions.col(COLUMN), f -> f.getField("action").equalTo("quarantine"))
        .getItem(0);
  }
}
