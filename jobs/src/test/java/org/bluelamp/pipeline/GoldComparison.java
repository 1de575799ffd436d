package org.bluelamp.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;

/**
 * The gold tables of a lake built from some forces' sources, compared row for row with the
 * reference world's gold tables restricted to those forces ({@code force_id}).
 */
public final class GoldComparison {
  private GoldComparison() {}

  /** Every difference found, one line each; empty when the lakes agree. */
  public static List<String> differences(
      Lake reference, Lake built, Set<String> forces, Set<String> skipped) {
    List<String> problems = new ArrayList<>();
    Set<String> expected = goldTables(reference);
    Set<String> actual = goldTables(built);
    expected.removeAll(skipped);
    actual.removeAll(skipped);
    if (!expected.equals(actual)) {
      problems.add("gold tables differ: reference " + expected + ", built " + actual);
    }
    for (String table : expected) {
      if (!actual.contains(table)) {
        continue;
      }
      TableName name = new TableName("gold", table);
      Dataset<Row> mine = built.read(name);
      Dataset<Row> theirs = reference.read(name);
      if (!Arrays.asList(mine.columns()).contains("force_id")) {
        problems.add(table + " has no force_id to restrict the reference to " + forces);
        continue;
      }
      Column[] columns = Arrays.stream(mine.columns()).map(functions::col).toArray(Column[]::new);
      theirs = theirs.filter(functions.col("force_id").isin(forces.toArray())).select(columns);
      long missing = theirs.exceptAll(mine).count();
      long extra = mine.exceptAll(theirs).count();
      if (missing + extra > 0) {
        problems.add(
            table
                + ": "
                + missing
                + " reference row(s) missing, "
                + extra
                + " row(s) not in the reference");
      }
    }
    return problems;
  }

  private static Set<String> goldTables(Lake lake) {
    Set<String> names = new TreeSet<>();
    lake.tables().stream()
        .filter(t -> t.schema().equals("gold"))
        .forEach(t -> names.add(t.table()));
    return names;
  }
}
