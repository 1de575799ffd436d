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
import org.bluelamp.gold.GoldModels;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;

/**
 * The gold tables of a lake built from some forces' sources, compared row for row with the
 * reference world's gold tables restricted to those forces ({@code force_id}).
 */
public final class GoldComparison {
  /**
   * The models a run elsewhere (a cluster, an object store) builds and compares: those whose rows
   * could depend on where they are computed (sums of doubles, percentiles, Java UDFs, Sedona's H3
   * and transforms, seeded permutations, windows) and plain SQL aggregates as a control, with the
   * gold tables they read or reconcile with (crossforce reads the ICCS coverage, Gi*'s test the
   * grid).
   */
  public static final List<String> PORTABILITY_MODELS =
      List.of(
          "crime_counts_daily",
          "crime_iccs_coverage",
          "crossforce_iccs_monthly",
          "hotspot_grid",
          "response_times",
          "hotspot_h3",
          "hotspot_gi_star",
          "hotspot_kde",
          "hotspot_time_heat");

  private GoldComparison() {}

  /**
   * {@code bluelamp run} of {@code sources} ({@code <force>/<system>}) through every layer, the
   * gold layer building the {@link #PORTABILITY_MODELS}.
   */
  public static List<String> portabilityRun(List<String> sources) {
    List<String> args = new ArrayList<>(List.of("run", "--layer", "bronze,silver,gold"));
    sources.forEach(s -> args.addAll(List.of("--source", s)));
    PORTABILITY_MODELS.forEach(m -> args.addAll(List.of("--model", m)));
    return args;
  }

  /**
   * Every difference found in the gold tables of {@code models}, one line each; empty when the
   * lakes agree.
   */
  public static List<String> differences(
      Lake reference, Lake built, Set<String> forces, List<String> models) {
    List<String> problems = new ArrayList<>();
    Set<String> declared = new TreeSet<>();
    GoldModels.discover(Repository.sql()).forEach(m -> declared.add(m.name()));
    for (String table : models) {
      if (!declared.contains(table)) {
        problems.add(table + " is not a gold model of sql/gold/");
        continue;
      }
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
