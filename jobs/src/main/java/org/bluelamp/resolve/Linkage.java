package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;
import static org.bluelamp.lake.SparkColumns.columns;
import static org.bluelamp.lake.SparkColumns.seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.bluelamp.Progress;

/**
 * The pairwise part of person resolution on Spark: candidate pairs from the blocking rules, their
 * comparison vectors, the model's parameters (u from random pairs, m and lambda by EM) and the
 * links above the threshold. Profiles are compared within a force only.
 */
final class Linkage {
  private static final long SEED = 20_261_128L;

  private static final UserDefinedFunction COMPARE =
      udf(
          (UDF2<Row, Row, Integer>)
              (a, b) -> Comparison.encode(Comparison.levels(Profiles.of(a), Profiles.of(b))),
          DataTypes.IntegerType);

  private Linkage() {}

  /** Field levels, in {@link Comparison.Field} order. */
  static int[] levels() {
    return Arrays.stream(Comparison.Field.values()).mapToInt(Comparison.Field::levels).toArray();
  }

  /**
   * The blocking column {@code document_deletion}: the document number with one character left out,
   * at each place, one row each. Two numbers one slip apart (a character other, or two neighbours
   * swapped) share one of them, as SymSpell's deletion neighbourhoods do; two equal numbers share
   * all.
   */
  static final String DOCUMENT_DELETION = "document_deletion";

  private static final String DELETIONS =
      "transform(sequence(1, length(document)),"
          + " i -> concat(substring(document, 1, i - 1), substring(document, i + 1)))";

  /**
   * Pairs of profile ids ({@code a_id < b_id}) of one force that agree on every column of at least
   * one blocking rule, leaving out blocks of more than {@code maxBlock} profiles (logged).
   */
  static Dataset<Row> candidates(
      Dataset<Row> profiles, List<List<String>> rules, int maxBlock, Progress progress) {
    Dataset<Row> all = null;
    for (List<String> rule : rules) {
      List<String> key = new ArrayList<>(List.of("force_id"));
      key.addAll(rule);
      Column known = lit(true);
      List<Column> selected = new ArrayList<>(List.of(col("force_id"), col("profile_id")));
      for (String column : rule) {
        boolean deletion = column.equals(DOCUMENT_DELETION);
        known = known.and(col(deletion ? "document" : column).isNotNull());
        selected.add(deletion ? explode(expr(DELETIONS)).as(column) : col(column));
      }
      Dataset<Row> keyed =
          profiles
              .filter(known)
              .select(selected.toArray(Column[]::new))
              .withColumn("block_size", count(lit(1)).over(Window.partitionBy(columns(key))));
      long tooLarge = keyed.filter(col("block_size").gt(maxBlock)).count();
      if (tooLarge > 0) {
        progress.log(
            "resolve",
            "blocking rule "
                + rule
                + ": "
                + Progress.count(tooLarge)
                + " profiles in blocks over max_block "
                + maxBlock
                + " left out of this rule (the other rules still pair them)");
      }
      Dataset<Row> kept = keyed.filter(col("block_size").leq(maxBlock)).drop("block_size");
      Dataset<Row> a = kept.withColumnRenamed("profile_id", "a_id");
      Dataset<Row> b = kept.withColumnRenamed("profile_id", "b_id");
      Dataset<Row> pairs =
          a.join(b, seq(key))
              .filter(col("a_id").lt(col("b_id")))
              .select("force_id", "a_id", "b_id");
      all = all == null ? pairs : all.union(pairs);
    }
    return all.distinct();
  }

  /** {@code pairs} ({@code a_id}, {@code b_id}) with their comparison vector as {@code pattern}. */
  static Dataset<Row> compared(Dataset<Row> pairs, Dataset<Row> profiles) {
    Dataset<Row> fields = profiles.select(profileColumns("profile_id"));
    Dataset<Row> a = prefixed(fields, "a_");
    Dataset<Row> b = prefixed(fields, "b_");
    return pairs
        .join(a, "a_id")
        .join(b, "b_id")
        .select(
            col("force_id"),
            col("a_id"),
            col("b_id"),
            COMPARE.apply(Profiles.asStruct("a_"), Profiles.asStruct("b_")).as("pattern"));
  }

  /**
   * About {@code wanted} random pairs of profiles of the same force: profiles in a seeded random
   * order, each paired with the ones 1, 2, ... places further on (every pair, when there are few
   * profiles).
   */
  static Dataset<Row> randomPairs(Dataset<Row> profiles, long profileCount, long wanted) {
    long offsets = Math.max(1, Math.min(profileCount - 1, wanted / Math.max(1, profileCount)));
    Dataset<Row> ordered =
        profiles
            .select("force_id", "profile_id")
            .withColumn(
                "position",
                row_number()
                    .over(
                        Window.partitionBy("force_id")
                            .orderBy(xxhash64(col("profile_id"), lit(SEED)))));
    Dataset<Row> shifted =
        ordered
            .crossJoin(
                profiles.sparkSession().range(1, offsets + 1).withColumnRenamed("id", "step"))
            .select(
                col("force_id"),
                col("profile_id").as("a_id"),
                col("position").plus(col("step")).as("position"));
    return shifted
        .join(ordered.withColumnRenamed("profile_id", "b_id"), seq(List.of("force_id", "position")))
        .select("force_id", "a_id", "b_id");
  }

  /** Comparison vector code -> how many pairs have it. */
  static Map<Integer, Long> patternCounts(Dataset<Row> compared) {
    Map<Integer, Long> counts = new HashMap<>();
    for (Row row : compared.groupBy("pattern").count().collectAsList()) {
      counts.put(row.getInt(0), row.getLong(1));
    }
    return counts;
  }

  /** {@code compared} with each pair's {@code match_weight} under {@code model}. */
  static Dataset<Row> weighted(Dataset<Row> compared, FellegiSunter model) {
    UserDefinedFunction weight =
        udf(
            (UDF1<Integer, Double>) code -> model.weight(Comparison.decode(code)),
            DataTypes.DoubleType);
    return compared.withColumn("match_weight", weight.apply(col("pattern")));
  }

  static Column[] profileColumns(String... before) {
    List<Column> columns = new ArrayList<>();
    for (String name : before) {
      columns.add(col(name));
    }
    for (String name : Profiles.SCHEMA.fieldNames()) {
      columns.add(col(name));
    }
    return columns.toArray(Column[]::new);
  }

  private static Dataset<Row> prefixed(Dataset<Row> fields, String prefix) {
    List<Column> columns = new ArrayList<>();
    for (String name : fields.columns()) {
      columns.add(col(name).as(name.equals("profile_id") ? prefix + "id" : prefix + name));
    }
    return fields.select(columns.toArray(Column[]::new));
  }
}
