package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.bluelamp.lake.SparkColumns.columns;
import static org.bluelamp.lake.SparkColumns.seq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Progress;
import org.bluelamp.contract.Clearance;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.BuildCache;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;
import org.bluelamp.resolve.GuardedClustering.Assignment;

/**
 * {@code gold.person_link}: every person mention of silver with the person entity it belongs to.
 *
 * <ol>
 *   <li>mentions ({@link Mentions}) reduced to distinct profiles ({@link Profiles});
 *   <li>candidate pairs of profiles by the blocking rules, compared field by field ({@link
 *       Linkage}, {@link Comparison});
 *   <li>the Fellegi-Sunter model estimated without labels ({@link FellegiSunter});
 *   <li>pairs at or above the match probability linked, the links' connected components ({@link
 *       Components}) split by the chaining guard ({@link GuardedClustering});
 *   <li>entity ids kept from the previous build: an entity keeps its id when records join it.
 * </ol>
 */
public final class PersonResolution {

  private static final StructType ASSIGNED =
      new StructType()
          .add("profile_id", DataTypes.LongType, false)
          .add("cluster_id", DataTypes.LongType, false)
          .add("partner_id", DataTypes.LongType, true)
          .add("match_weight", DataTypes.DoubleType, true)
          .add("pattern", DataTypes.IntegerType, true);

  private static final Column[] OUTPUT =
      columns(
          List.of(
              "force_id",
              "person_id",
              "mention_id",
              "entity",
              "part",
              "record_id",
              "is_principal",
              "role",
              "event_type",
              "event_id",
              "event_at",
              "_source",
              "linked_mention_id",
              "match_weight",
              "match_probability",
              "agreement"));

  private static final UserDefinedFunction EXPLAIN =
      udf(
          (UDF1<Integer, String>) code -> Comparison.explain(Comparison.decode(code)),
          DataTypes.StringType);

  private PersonResolution() {}

  /**
   * The person mentions of {@code spec}, each address as the place resolution reads it ({@code
   * place_key} of gold.place_link: the gazetteer's address it matched, or the recorded one written
   * one way), so that {@code 12 Station Rd} and a misspelt {@code 12 Staiton Road, Northfield}
   * agree; as recorded where gold.place_link is not built.
   */
  static Dataset<Row> mentions(Lake lake, PersonLinkageSpec spec) {
    Dataset<Row> mentions =
        Mentions.read(lake, spec.file(), spec.mentions(), PersonLinkageSpec.FIELDS);
    if (!lake.exists(Tables.PLACE_LINK)) {
      return mentions;
    }
    return mentions
        .join(
            lake.read(Tables.PLACE_LINK)
                .select(
                    col("force_id"),
                    col("mention_id"),
                    col("place_key").as("_place_key"),
                    col(Clearance.COLUMN).as("_place_clearance")),
            seq(List.of("force_id", "mention_id")),
            "left")
        .withColumn("address", coalesce(col("_place_key"), col("address")))
        // The place's key is the mention's address: its clearance, which serve traces.
        .withColumn(
            Clearance.COLUMN,
            greatest(col(Clearance.COLUMN), coalesce(col("_place_clearance"), lit(0))))
        .drop("_place_key", "_place_clearance");
  }

  public static Dataset<Row> build(
      Lake lake, Pipelines pipelines, BuildCache cache, Progress progress) {
    PersonLinkageSpec spec = PersonLinkageSpec.load(pipelines);
    Dataset<Row> mentions = cache.keep(mentions(lake, spec));
    Dataset<Row> profiled =
        cache.keep(
            Profiles.profiled(
                mentions.filter(col("same_as_mention_id").isNull()), Profiles.names(pipelines)));
    Dataset<Row> profiles =
        cache.keep(
            profiled
                .select(Linkage.profileColumns("force_id", "profile_id", "birth_year"))
                .dropDuplicates("profile_id"));
    long profileCount = profiles.count();
    progress.log(
        "resolve",
        Progress.count(mentions.count())
            + " person mentions, "
            + Progress.count(profileCount)
            + " distinct profiles");

    FellegiSunter model = estimate(spec, profiles, profileCount, progress);
    Dataset<Row> candidates =
        cache.keep(
            Linkage.compared(
                Linkage.candidates(profiles, spec.blocking(), spec.maxBlock(), progress),
                profiles));
    double linkWeight = FellegiSunter.weightOf(spec.matchProbability());
    double guardWeight = FellegiSunter.weightOf(model.lambda()) + spec.guardBits();
    Dataset<Row> links =
        cache.keep(Linkage.weighted(candidates, model).filter(col("match_weight").geq(linkWeight)));
    progress.log(
        "resolve",
        Progress.count(candidates.count())
            + " candidate pairs from the blocking rules, "
            + Progress.count(links.count())
            + " at or above the match probability");

    Dataset<Row> components = cache.keep(Components.of(links));
    Row sizes = components.groupBy("component").count().agg(count(lit(1)), max("count")).first();
    progress.log(
        "resolve",
        Progress.count(sizes.getLong(0))
            + " linked components, the largest of "
            + (sizes.isNullAt(1) ? 0 : sizes.getLong(1))
            + " profiles");
    Dataset<Row> assigned =
        cache.keep(
            profiled
                .join(
                    cluster(profiles, components, model, linkWeight, guardWeight),
                    seq(List.of("profile_id")),
                    "left")
                .withColumn("cluster_id", coalesce(col("cluster_id"), col("profile_id"))));
    Dataset<Row> explained = explained(assigned);
    Dataset<Row> ids = personIds(explained, previous(lake));
    Dataset<Row> persons =
        explained.join(ids, seq(List.of("force_id", "cluster_id"))).select(OUTPUT);
    return Mentions.graded(
        persons.unionByName(sameAs(mentions, persons).select(OUTPUT)),
        mentions,
        "linked_mention_id");
  }

  /** The ids of the previous build (mention -> person), materialised before it is overwritten. */
  private static Dataset<Row> previous(Lake lake) {
    return lake.exists(Tables.PERSON_LINK)
        ? lake.read(Tables.PERSON_LINK)
            .select("force_id", "mention_id", "person_id")
            .localCheckpoint()
        : null;
  }

  /**
   * The linked profiles, component by component, clustered with the chaining guard: {@code
   * profile_id, cluster_id} (the smallest profile id of its cluster) and the strongest link of the
   * profile within its cluster ({@code partner_id}, {@code match_weight}, {@code pattern}).
   */
  private static Dataset<Row> cluster(
      Dataset<Row> profiles,
      Dataset<Row> components,
      FellegiSunter model,
      double linkWeight,
      double guardWeight) {
    int idField = Profiles.SCHEMA.size();
    Dataset<Row> ordered =
        components.join(profiles, "profile_id").select(withProfileFirst("profile_id", "component"));
    return ordered
        .groupByKey((MapFunction<Row, Long>) row -> row.getLong(idField + 1), Encoders.LONG())
        .flatMapGroups(
            (FlatMapGroupsFunction<Long, Row, Row>)
                (component, rows) -> clustered(rows, idField, model, linkWeight, guardWeight),
            Encoders.row(ASSIGNED));
  }

  private static Iterator<Row> clustered(
      Iterator<Row> rows, int idField, FellegiSunter model, double linkWeight, double guardWeight) {
    List<Row> members = new ArrayList<>();
    rows.forEachRemaining(members::add);
    members.sort(Comparator.comparingLong(row -> row.getLong(idField)));
    List<Assignment> assignments =
        GuardedClustering.cluster(
            members.stream().map(Profiles::of).toList(), model, linkWeight, guardWeight);
    List<Row> result = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      Assignment assignment = assignments.get(i);
      boolean alone = assignment.partner() < 0;
      result.add(
          RowFactory.create(
              members.get(i).getLong(idField),
              members.get(assignment.cluster()).getLong(idField),
              alone ? null : members.get(assignment.partner()).getLong(idField),
              alone ? null : assignment.weight(),
              alone ? null : Comparison.encode(assignment.levels())));
    }
    return result.iterator();
  }

  private static Column[] withProfileFirst(String... after) {
    List<Column> columns = new ArrayList<>(List.of(Linkage.profileColumns()));
    for (String name : after) {
      columns.add(col(name));
    }
    return columns.toArray(Column[]::new);
  }

  /**
   * Each mention's explanation: the other mentions of its profile point to the profile's first
   * mention ("identical details"); the first points to the first mention of the profile it is
   * linked to most strongly, with that link's match weight and the fields' agreement, or, when its
   * profile is linked to no other, to the profile's second mention ("identical details").
   */
  private static Dataset<Row> explained(Dataset<Row> assigned) {
    Dataset<Row> first = assigned.groupBy("profile_id").agg(min("mention_id").as("first_mention"));
    Dataset<Row> second =
        assigned
            .join(first, "profile_id")
            .filter(col("mention_id").notEqual(col("first_mention")))
            .groupBy("profile_id")
            .agg(min("mention_id").as("second_mention"));
    Dataset<Row> partnerFirst =
        first.select(
            col("profile_id").as("partner_id"), col("first_mention").as("partner_mention"));
    Column repeated = col("mention_id").notEqual(col("first_mention"));
    Column identical = repeated.or(col("partner_mention").isNull());
    Column weight = when(repeated, lit(null)).otherwise(col("match_weight"));
    return assigned
        .join(first, "profile_id")
        .join(second, seq(List.of("profile_id")), "left")
        .join(partnerFirst, seq(List.of("partner_id")), "left")
        .withColumn(
            "linked_mention_id",
            when(repeated, col("first_mention"))
                .otherwise(coalesce(col("partner_mention"), col("second_mention"))))
        .withColumn(
            "agreement",
            when(identical.and(col("linked_mention_id").isNotNull()), lit("identical details"))
                .when(col("pattern").isNotNull(), EXPLAIN.apply(col("pattern"))))
        .withColumn("match_weight", weight)
        .withColumn(
            "match_probability", lit(1).divide(lit(1).plus(pow(lit(2), weight.multiply(-1)))));
  }

  /**
   * The person id of every cluster ({@code force_id, cluster_id, person_id}). A cluster holding
   * mentions of a previous entity keeps that entity's id (when an entity was split, the part with
   * most of its mentions keeps it); any other cluster gets {@code P-} and 16 hex digits of the
   * SHA-256 of its force and first mention, or of its first and last mention if that id was taken.
   */
  static Dataset<Row> personIds(Dataset<Row> mentions, Dataset<Row> previous) {
    List<String> cluster = List.of("force_id", "cluster_id");
    Dataset<Row> clusters =
        mentions
            .groupBy(columns(cluster))
            .agg(min("mention_id").as("first"), max("mention_id").as("last"));
    Column fresh = hashed(col("force_id"), col("first"));
    if (previous == null) {
      return clusters.select(col("force_id"), col("cluster_id"), fresh.as("person_id"));
    }
    Dataset<Row> votes =
        mentions
            .select("force_id", "cluster_id", "mention_id")
            .join(previous, seq(List.of("force_id", "mention_id")))
            .groupBy("force_id", "cluster_id", "person_id")
            .count();
    Dataset<Row> kept =
        votes
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy("person_id")
                            .orderBy(col("count").desc(), col("force_id"), col("cluster_id"))))
            .filter(col("rank").equalTo(1))
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy(columns(cluster))
                            .orderBy(col("count").desc(), col("person_id"))))
            .filter(col("rank").equalTo(1))
            .select("force_id", "cluster_id", "person_id");
    Dataset<Row> taken = previous.select("person_id").distinct().withColumn("taken", lit(true));
    Dataset<Row> others =
        clusters
            .join(kept, seq(cluster), "left_anti")
            .withColumn("person_id", fresh)
            .join(taken, seq(List.of("person_id")), "left")
            .select(
                col("force_id"),
                col("cluster_id"),
                when(
                        col("taken"),
                        hashed(col("force_id"), concat(col("first"), lit("|"), col("last"))))
                    .otherwise(col("person_id"))
                    .as("person_id"));
    return kept.unionByName(others);
  }

  private static Column hashed(Column force, Column text) {
    return concat(lit("P-"), substring(sha2(concat(force, lit(":"), text), 256), 1, 16));
  }

  /**
   * The mentions declared {@code same_as} another entity's record (an arrest's person is the
   * crime's person record): that mention's person; a mention whose record is missing is a person of
   * its own.
   */
  private static Dataset<Row> sameAs(Dataset<Row> mentions, Dataset<Row> persons) {
    Dataset<Row> targets =
        persons.select(
            col("force_id"),
            col("mention_id").as("same_as_mention_id"),
            col("person_id").as("target_person"));
    return mentions
        .filter(col("same_as_mention_id").isNotNull())
        .join(targets, seq(List.of("force_id", "same_as_mention_id")), "left")
        .withColumn(
            "person_id", coalesce(col("target_person"), hashed(col("force_id"), col("mention_id"))))
        .withColumn("linked_mention_id", col("same_as_mention_id"))
        .withColumn(
            "agreement",
            when(col("target_person").isNotNull(), lit("the same person as the linked record"))
                .otherwise(lit("the linked record is not in silver")))
        .withColumn("match_weight", lit(null).cast("double"))
        .withColumn("match_probability", lit(null).cast("double"));
  }

  /**
   * The model as Splink trains it, with one change: u and the prior by EM on random pairs (both
   * classes estimated, see {@link FellegiSunter#fromRandomPairs}); m by EM on the pairs of each
   * training rule (the fields it blocks on left out), averaged. The estimate is logged.
   */
  private static FellegiSunter estimate(
      PersonLinkageSpec spec, Dataset<Row> profiles, long profileCount, Progress progress) {
    int[] levels = Linkage.levels();
    double[][] m0 = FellegiSunter.initialM(levels);
    FellegiSunter random =
        FellegiSunter.fromRandomPairs(
            Linkage.patternCounts(
                Linkage.compared(
                    Linkage.randomPairs(profiles, profileCount, spec.randomPairs()), profiles)),
            m0,
            Comparison.names(),
            1000);
    double[][] u = random.u();
    List<FellegiSunter> sessions = new ArrayList<>();
    List<boolean[]> estimated = new ArrayList<>();
    for (List<String> rule : spec.training()) {
      boolean[] blocked = PersonLinkageSpec.fieldsOf(rule);
      Map<Integer, Long> patterns =
          Linkage.patternCounts(
              Linkage.compared(
                  Linkage.candidates(profiles, List.of(rule), spec.maxBlock(), progress),
                  profiles));
      FellegiSunter session = FellegiSunter.estimate(patterns, u, m0, 0.1, blocked, 500);
      sessions.add(session);
      boolean[] fields = new boolean[blocked.length];
      for (int f = 0; f < fields.length; f++) {
        fields[f] = !blocked[f];
      }
      estimated.add(fields);
      progress.log(
          "resolve",
          String.format(
              Locale.ROOT,
              "training on %s: %s pairs, EM %d iterations, share of matches %.3f",
              rule,
              Progress.count(patterns.values().stream().mapToLong(Long::longValue).sum()),
              session.iterations(),
              session.lambda()));
    }
    double prior = random.lambda();
    FellegiSunter model =
        new FellegiSunter(prior, FellegiSunter.averageM(sessions, estimated, m0), u, 0);
    progress.log(
        "resolve",
        String.format(
            Locale.ROOT,
            "random pairs: EM %d iterations, prior (two random profiles are one person) %.3g"
                + " (%+.1f bits)",
            random.iterations(),
            prior,
            FellegiSunter.weightOf(prior)));
    Comparison.Field[] fields = Comparison.Field.values();
    for (int f = 0; f < fields.length; f++) {
      List<String> parts = new ArrayList<>();
      for (int l = 0; l < levels[f]; l++) {
        parts.add(
            String.format(
                Locale.ROOT,
                "%s m=%.4f u=%.6f (%+.1f bits)",
                fields[f].label(l),
                model.m()[f][l],
                model.u()[f][l],
                model.fieldWeight(f, l)));
      }
      progress.log("resolve", "  " + fields[f].column() + ": " + String.join(", ", parts));
    }
    return model;
  }
}
