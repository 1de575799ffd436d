package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sum;
import static org.bluelamp.lake.SparkColumns.seq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.bluelamp.Errors;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;

/**
 * Person, vehicle or place resolution against what the generator planted (persons and vehicles:
 * {@code truth/<force>-identities.csv}, source, record key, identity; places: {@code
 * truth/<force>-places.csv}, every way an address was written and the address it stands for):
 * precision and recall on pairs of mentions per force, and where the errors are. A pair is two
 * mentions with a planted identity; it is true when both have the same identity, predicted when
 * both are in the same entity.
 */
public final class ResolutionReport {
  /**
   * What is resolved: the link table, its entity column, the mentions scored (a person record's
   * principal person: the truth names one identity per record) and which planted identities are of
   * this kind (the generator names a person {@code <force>-P<6 digits>} and a vehicle by its
   * registration; a stop's and a keeper record's identity is their person, so their registrations
   * are not scored); a place mention is scored by its written address, when the generator wrote
   * that text for one address only (an address written without its locality, where several
   * localities have the number and street, has no one true place).
   */
  public enum Kind {
    PERSONS(Tables.PERSON_LINK, "person_id", col("is_principal"), true),
    VEHICLES(Tables.VEHICLE_LINK, "vehicle_id", lit(true), false),
    PLACES(Tables.PLACE_LINK, "place_id", col("address_recorded").isNotNull(), false);

    private final TableName table;
    private final String entityId;
    private final Column scored;
    private final boolean personIdentities;

    Kind(TableName table, String entityId, Column scored, boolean personIdentities) {
      this.table = table;
      this.entityId = entityId;
      this.scored = scored;
      this.personIdentities = personIdentities;
    }

    /** The planted identity of every scored mention, by the columns of {@link #truthKey}. */
    private Dataset<Row> truth(Lake lake, Path truthDir) {
      DataFrameReader csv = lake.spark().read().option("header", "true");
      if (this == PLACES) {
        Column force = regexp_extract(input_file_name(), "([^/]+)-places\\.csv$", 1);
        return csv.csv(truthDir.resolve("*-places.csv").toString())
            .withColumn("force_id", force)
            .withColumn("ids", count(lit(1)).over(Window.partitionBy("force_id", "written")))
            .filter(col("ids").equalTo(1))
            .select(
                col("force_id"),
                col("written").as("address_recorded"),
                concat_ws(":", col("force_id"), col("address_id")).as("identity"));
      }
      Column person = col("identity").rlike("^[a-z]+-P[0-9]{6}$");
      return csv.csv(truthDir.resolve("*-identities.csv").toString())
          .select(col("source").as("_source"), col("key").as("record_id"), col("identity"))
          .filter(personIdentities ? person : functions.not(person));
    }

    private List<String> truthKey() {
      return this == PLACES
          ? List.of("force_id", "address_recorded")
          : List.of("_source", "record_id");
    }
  }

  /**
   * One force's scores; {@code reachablePairs}, for persons, the true pairs the records' details
   * can support ({@link Evidence}; null for vehicles).
   */
  public record Score(
      String force,
      long mentions,
      long identities,
      long entities,
      long truePairs,
      long predictedPairs,
      long correctPairs,
      Long reachablePairs) {
    public double precision() {
      return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
    }

    public double recall() {
      return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
    }

    /** The highest recall the records' details allow without linking on names alone. */
    public double recallBound() {
      return truePairs == 0 ? 1 : (double) reachablePairs / truePairs;
    }
  }

  /**
   * An error class: {@code kind} "merged" (mentions of another identity in an entity, by the entity
   * the intruding mention is in) or "split" (mentions cut off from the entity holding most of their
   * identity, by entity), with the mentions and the pairs it costs.
   */
  public record ErrorClass(String force, String kind, String entity, long mentions, long pairs) {}

  /** The scores and the error classes, largest first. */
  public record Result(List<Score> scores, List<ErrorClass> errors) {}

  private ResolutionReport() {}

  public static Result evaluate(Lake lake, Pipelines pipelines, Path truthDir, Kind kind) {
    if (!lake.exists(kind.table)) {
      throw Errors.usage(
          kind.table + " is not in the lake at " + lake.root(),
          "build it first: './bluelamp run' (everything) or './bluelamp run --model "
              + kind.table.table()
              + "'");
    }
    if (!Files.isDirectory(truthDir)) {
      throw Errors.usage(
          "no generator truth at " + truthDir + ": the check scores a generated world only",
          "run './bluelamp generate' (or './bluelamp demo') and the pipelines first");
    }
    Dataset<Row> scored =
        lake.read(kind.table)
            .filter(kind.scored)
            .join(kind.truth(lake, truthDir), seq(kind.truthKey()));
    Dataset<Row> mentions =
        scored
            .select(
                col("force_id"), col(kind.entityId).as("entity_id"), col("identity"), col("entity"))
            .persist();
    Dataset<Row> cells = mentions.groupBy("force_id", "entity_id", "identity").count();
    Dataset<Row> perForce =
        cells
            .groupBy("force_id")
            .agg(
                sum(col("count")).as("mentions"),
                countDistinct("identity").as("identities"),
                countDistinct("entity_id").as("entities"),
                sum(pairs(col("count"))).as("correct"));
    Map<String, Long> reachable =
        kind.personIdentities ? Evidence.reachable(lake, pipelines, scored) : Map.of();
    Dataset<Row> predicted = pairsPerForce(mentions, "entity_id", "predicted");
    Dataset<Row> expected = pairsPerForce(mentions, "identity", "expected");
    List<Score> scores = new ArrayList<>();
    for (Row row :
        perForce
            .join(predicted, "force_id")
            .join(expected, "force_id")
            .orderBy("force_id")
            .collectAsList()) {
      scores.add(
          new Score(
              row.getAs("force_id"),
              row.<Long>getAs("mentions"),
              row.<Long>getAs("identities"),
              row.<Long>getAs("entities"),
              ((Number) row.getAs("expected")).longValue(),
              ((Number) row.getAs("predicted")).longValue(),
              ((Number) row.getAs("correct")).longValue(),
              kind.personIdentities
                  ? reachable.getOrDefault(row.<String>getAs("force_id"), 0L)
                  : null));
    }
    List<ErrorClass> errors = new ArrayList<>();
    errors.addAll(errors(mentions, "merged", "entity_id", "identity"));
    errors.addAll(errors(mentions, "split", "identity", "entity_id"));
    errors.sort((a, b) -> Long.compare(b.pairs(), a.pairs()));
    mentions.unpersist();
    return new Result(scores, errors);
  }

  /**
   * Mentions outside the largest {@code inner} group of their {@code outer} group (for merges: the
   * identities in an entity besides its main one; for splits: the entities of an identity besides
   * its main one), by force and entity, with the pairs lost: each such mention times the main
   * group's size.
   */
  private static List<ErrorClass> errors(
      Dataset<Row> mentions, String kind, String outer, String inner) {
    Dataset<Row> sized =
        mentions
            .withColumn("size", count(lit(1)).over(Window.partitionBy("force_id", outer, inner)))
            .withColumn("main", max("size").over(Window.partitionBy("force_id", outer)));
    Dataset<Row> mainInner =
        sized
            .filter(col("size").equalTo(col("main")))
            .groupBy("force_id", outer)
            .agg(min(inner).as("main_" + inner));
    List<ErrorClass> result = new ArrayList<>();
    for (Row row :
        sized
            .join(mainInner, seq(List.of("force_id", outer)))
            .filter(col(inner).notEqual(col("main_" + inner)))
            .groupBy("force_id", "entity")
            .agg(count(lit(1)).as("mentions"), sum(col("main")).as("pairs"))
            .collectAsList()) {
      result.add(
          new ErrorClass(row.getString(0), kind, row.getString(1), row.getLong(2), row.getLong(3)));
    }
    return result;
  }

  /** Per force, the pairs of mentions sharing a {@code group} value, as {@code name}. */
  private static Dataset<Row> pairsPerForce(Dataset<Row> mentions, String group, String name) {
    return mentions
        .groupBy("force_id", group)
        .count()
        .groupBy("force_id")
        .agg(sum(pairs(col("count"))).as(name));
  }

  private static Column pairs(Column n) {
    return n.multiply(n.minus(1)).divide(2).cast("long");
  }

  /** The report as Markdown. */
  public static String markdown(Result result) {
    StringBuilder out = new StringBuilder();
    out.append("| force | mentions | identities | entities | true pairs | predicted | correct |")
        .append(" precision | recall | reachable pairs | recall bound |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Score s : result.scores()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %.4f%% | %.4f%% | %s | %s |%n",
              s.force(),
              s.mentions(),
              s.identities(),
              s.entities(),
              s.truePairs(),
              s.predictedPairs(),
              s.correctPairs(),
              100 * s.precision(),
              100 * s.recall(),
              s.reachablePairs() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%,d", s.reachablePairs()),
              s.reachablePairs() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.4f%%", 100 * s.recallBound())));
    }
    out.append(
        "\n| force | error | mentions in | mentions | pairs (about) |\n|---|---|---|---|---|\n");
    for (ErrorClass e : result.errors()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %,d | %,d |%n",
              e.force(),
              e.kind(),
              e.entity(),
              e.mentions(),
              e.pairs()));
    }
    return out.toString();
  }
}
