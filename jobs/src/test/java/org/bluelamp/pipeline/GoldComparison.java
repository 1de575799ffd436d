package org.bluelamp.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.bluelamp.Repository;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.model.GoldModels;

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
    // The tables of the gold models (other tests may have added probes to the reference).
    Set<String> expected = new TreeSet<>();
    GoldModels.discover(Repository.sql()).forEach(m -> expected.add(m.name()));
    expected.removeAll(skipped);
    for (String table : expected) {
      TableName name = new TableName("gold", table);
      List<String> without =
          Stream.of(reference, built).filter(l -> !l.exists(name)).map(Lake::root).toList();
      if (!without.isEmpty()) {
        problems.add(name + " is missing from " + without);
        continue;
      }
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
}
