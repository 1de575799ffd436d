package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.bluelamp.lake.SparkColumns.seq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.Lake;

/**
 * What the records of one planted person carry to link them, whatever the model: two of their
 * mentions are joined when the details would convince an analyst — the same phone number or
 * identity document; or the names agree (forename and surname the same, a known variant, phonetic
 * or a typo, or the Arabic-script name) with the same date of birth (or its day and month swapped),
 * the same address, the document number but for one slip or the same vehicle (kept and driven) —
 * and a mention recorded as another (an arrest as its nominal record) is joined to it. The pairs
 * inside the groups so joined are those a linkage can find without linking on a name alone, which
 * at a force's scale is a namesake as often as not; recall cannot honestly go above their share of
 * the true pairs.
 */
final class Evidence {
  /** The columns before the profile's in the rows grouped per identity. */
  private static final List<String> KEYS =
      List.of("force_id", "identity", "mention_id", "same_as_mention_id");

  private static final StructType REACHABLE =
      new StructType()
          .add("force_id", DataTypes.StringType, false)
          .add("reachable", DataTypes.LongType, false);

  private Evidence() {}

  /** Whether the details of two mentions of one person convince on their own (see the class). */
  static boolean convincing(Profile a, Profile b) {
    int[] levels = Comparison.levels(a, b);
    if (levels[Comparison.Field.PHONE.ordinal()] == 1
        || levels[Comparison.Field.DOCUMENT.ordinal()] == 2) {
      return true;
    }
    boolean latin =
        levels[Comparison.Field.FORENAME.ordinal()] >= 1
            && levels[Comparison.Field.SURNAME.ordinal()] >= 1;
    boolean names = latin || levels[Comparison.Field.NAME_AR.ordinal()] >= 1;
    return names
        && (levels[Comparison.Field.DOB.ordinal()] >= 2
            || levels[Comparison.Field.ADDRESS.ordinal()] == 2
            || levels[Comparison.Field.DOCUMENT.ordinal()] == 1
            || levels[Comparison.Field.VEHICLE.ordinal()] == 1);
  }

  /**
   * The pairs of one person's mentions joined by a chain of convincing details or of "recorded as"
   * ({@code sameAs.get(i)}: the id of the mention mention i is recorded as, or null).
   */
  static long reachablePairs(List<String> ids, List<String> sameAs, List<Profile> profiles) {
    int n = ids.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(ids.get(i), i);
    }
    for (int i = 0; i < n; i++) {
      Integer target = sameAs.get(i) == null ? null : index.get(sameAs.get(i));
      if (target != null) {
        parent[root(parent, i)] = root(parent, target);
      }
      for (int j = i + 1; j < n; j++) {
        if (root(parent, i) != root(parent, j) && convincing(profiles.get(i), profiles.get(j))) {
          parent[root(parent, i)] = root(parent, j);
        }
      }
    }
    Map<Integer, Long> sizes = new HashMap<>();
    for (int i = 0; i < n; i++) {
      sizes.merge(root(parent, i), 1L, Long::sum);
    }
    return sizes.values().stream().mapToLong(s -> s * (s - 1) / 2).sum();
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /**
   * Per force, the reachable pairs of the {@code scored} mentions ({@code mention_id}, {@code
   * force_id}, {@code identity}), their details read from the silver tables as the resolve job
   * reads them (addresses as the place resolution reads them).
   */
  static Map<String, Long> reachable(Lake lake, Pipelines pipelines, Dataset<Row> scored) {
    PersonLinkageSpec spec = PersonLinkageSpec.load(pipelines);
    Dataset<Row> details =
        Profiles.profiled(PersonResolution.mentions(lake, spec), Profiles.names(pipelines))
            .select(Linkage.profileColumns("force_id", "mention_id", "same_as_mention_id"));
    Dataset<Row> grouped =
        scored
            .select("mention_id", "force_id", "identity")
            .join(details, seq(List.of("force_id", "mention_id")))
            .select(Linkage.profileColumns(KEYS.toArray(String[]::new)));
    int first = KEYS.size();
    Map<String, Long> perForce = new HashMap<>();
    for (Row row :
        grouped
            .groupByKey(
                (MapFunction<Row, String>) r -> r.getString(0) + "/" + r.getString(1),
                Encoders.STRING())
            .mapGroups(
                (MapGroupsFunction<String, Row, Row>)
                    (identity, rows) -> {
                      List<String> ids = new ArrayList<>();
                      List<String> sameAs = new ArrayList<>();
                      List<Profile> profiles = new ArrayList<>();
                      String force = null;
                      while (rows.hasNext()) {
                        Row r = rows.next();
                        force = r.getString(0);
                        ids.add(r.getString(2));
                        sameAs.add(r.getString(3));
                        Object[] fields = new Object[r.size() - first];
                        for (int f = 0; f < fields.length; f++) {
                          fields[f] = r.get(first + f);
                        }
                        profiles.add(Profiles.of(RowFactory.create(fields)));
                      }
                      return RowFactory.create(force, reachablePairs(ids, sameAs, profiles));
                    },
                Encoders.row(REACHABLE))
            .groupBy("force_id")
            .agg(sum(col("reachable")))
            .collectAsList()) {
      perForce.put(row.getString(0), row.getLong(1));
    }
    return perForce;
  }
}
