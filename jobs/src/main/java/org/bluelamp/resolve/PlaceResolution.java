package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.levenshtein;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.bluelamp.lake.SparkColumns.seq;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.bluelamp.Progress;
import org.bluelamp.contract.Clearance;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.BuildCache;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;
import org.bluelamp.spatial.NearestLine;

/**
 * {@code gold.place_link}: every address silver records for a person, and every located event the
 * resolve file names, with the place it stands for.
 *
 * <ol>
 *   <li>an address is written one way ({@link Addresses#key}: case, accents, punctuation, street
 *       types);
 *   <li>it matches the gazetteer address (silver.location) with its house number that it is fewest
 *       edits from — against the whole address, or its first line for an address written without
 *       its locality — at most {@code max_edits}: {@code exact}, {@code street} (first line only)
 *       or {@code fuzzy}; two or more at the fewest edits: {@code ambiguous}, no address chosen;
 *   <li>a record with a point and no match: the gazetteer address nearest to it within {@code
 *       nearest_within_m} ({@code nearest});
 *   <li>the rest: {@code unmatched}, a place of its own by its written-one-way text (an event's
 *       point with no address near it is no place mention and is left out).
 * </ol>
 *
 * <p>{@code place_id} is {@code L-} and 16 hex digits of the SHA-256 of force and gazetteer id (of
 * force and text for an address the gazetteer does not have): the same in every build.
 */
public final class PlaceResolution {

  private PlaceResolution() {}

  public static Dataset<Row> build(
      Lake lake, Pipelines pipelines, BuildCache cache, Progress progress) {
    PlaceLinkageSpec spec = PlaceLinkageSpec.load(pipelines);
    UserDefinedFunction key = key(spec.addresses(), false);
    Dataset<Row> mentions =
        cache.keep(
            Mentions.read(lake, spec.file(), spec.mentions(), PlaceLinkageSpec.FIELDS)
                .drop("same_as_mention_id")
                .withColumnRenamed("address", "address_recorded")
                .withColumn("address_key", key.apply(col("address_recorded")))
                .withColumn("x_m", col("x").cast("double"))
                .withColumn("y_m", col("y").cast("double"))
                .drop("x", "y")
                .filter(col("address_key").isNotNull().or(col("x_m").isNotNull())));
    Dataset<Row> gazetteer = cache.keep(gazetteer(lake, spec.addresses()));
    Dataset<Row> byText =
        cache.keep(byText(mentions, gazetteer, spec.addresses(), spec.maxEdits()));
    Dataset<Row> unmatched =
        mentions
            .join(
                byText.filter(col("candidates").equalTo(1)),
                seq(List.of("force_id", "mention_id")),
                "left_anti")
            .filter(col("x_m").isNotNull());
    Dataset<Row> byPoint =
        NearestLine.assign(
                unmatched.select("force_id", "mention_id", "x_m", "y_m"),
                gazetteer.withColumn("geom_planar", expr("ST_AsBinary(ST_Point(x_m, y_m))")),
                List.of("force_id", "mention_id"),
                "near",
                "address_id",
                "address_text",
                spec.nearestWithinMetres())
            .filter(col("near_id").isNotNull())
            .select(
                col("force_id"),
                col("mention_id"),
                col("near_id"),
                col("near_distance_m").as("distance_m"));
    Column textMatch = col("candidates").equalTo(1);
    Dataset<Row> links =
        cache.keep(
            mentions
                .join(byText, seq(List.of("force_id", "mention_id")), "left")
                .join(byPoint, seq(List.of("force_id", "mention_id")), "left")
                .withColumn("address_id", when(textMatch, col("text_id")).otherwise(col("near_id")))
                .withColumn(
                    "method",
                    when(textMatch, col("text_method"))
                        .when(col("near_id").isNotNull(), lit("nearest"))
                        .when(col("candidates").gt(1), lit("ambiguous"))
                        .otherwise(lit("unmatched")))
                .filter(col("address_id").isNotNull().or(col("address_key").isNotNull()))
                .join(
                    gazetteer.select("force_id", "address_id", "address_text", "full_key"),
                    seq(List.of("force_id", "address_id")),
                    "left")
                .withColumn("place_id", placeId())
                .select(
                    Mentions.linkColumns(
                        List.of(
                            col("force_id"),
                            col("place_id"),
                            col("address_id"),
                            coalesce(col("address_text"), col("address_key")).as("place_text"),
                            coalesce(col("full_key"), col("address_key")).as("place_key"),
                            col("address_key")),
                        List.of(
                            col(Clearance.COLUMN),
                            col("address_recorded"),
                            col("method"),
                            when(textMatch, col("edits")).as("edits"),
                            col("candidates"),
                            when(col("method").equalTo("nearest"), col("distance_m"))
                                .as("distance_m")))));
    Row totals =
        links
            .agg(
                count(lit(1)),
                sum(when(col("address_id").isNotNull(), 1).otherwise(0)),
                sum(when(col("method").equalTo("fuzzy"), 1).otherwise(0)),
                sum(when(col("method").equalTo("nearest"), 1).otherwise(0)),
                sum(when(col("method").equalTo("ambiguous"), 1).otherwise(0)))
            .first();
    progress.log(
        "resolve",
        Progress.count(totals.getLong(0))
            + " place mentions, "
            + Progress.count(totals.isNullAt(1) ? 0 : totals.getLong(1))
            + " matched to the gazetteer ("
            + Progress.count(totals.isNullAt(2) ? 0 : totals.getLong(2))
            + " by a misspelt text, "
            + Progress.count(totals.isNullAt(3) ? 0 : totals.getLong(3))
            + " by their point); "
            + Progress.count(totals.isNullAt(4) ? 0 : totals.getLong(4))
            + " ambiguous (a number and street several localities have, written without one)");
    return links;
  }

  /**
   * The gazetteer's addresses with their keys (whole and first line) and house number; empty when
   * no force has a gazetteer.
   */
  private static Dataset<Row> gazetteer(Lake lake, Addresses addresses) {
    Dataset<Row> gazetteer =
        lake.exists(Tables.LOCATION)
            ? lake.read(Tables.LOCATION)
                .select("force_id", "address_id", "address_text", "x_m", "y_m")
            : lake.spark()
                .sql(
                    "SELECT CAST(NULL AS STRING) force_id, CAST(NULL AS STRING) address_id,"
                        + " CAST(NULL AS STRING) address_text, CAST(NULL AS DOUBLE) x_m,"
                        + " CAST(NULL AS DOUBLE) y_m")
                .limit(0);
    UserDefinedFunction shortKey = shortKey(addresses);
    return gazetteer
        .withColumn("full_key", key(addresses, false).apply(col("address_text")))
        .withColumn("line_key", key(addresses, true).apply(col("address_text")))
        .withColumn("short_full_key", shortKey.apply(col("full_key")))
        .withColumn("short_line_key", shortKey.apply(col("line_key")))
        .withColumn("number", substring_index(col("full_key"), " ", 1));
  }

  /**
   * Per mention with a text: the gazetteer addresses with its house number at the fewest edits (at
   * most {@code maxEdits}; to the whole address or its first line, with street types in full or all
   * shortened): how many ({@code candidates}), and the one when there is one ({@code text_id},
   * {@code text_method}, {@code edits}).
   */
  private static Dataset<Row> byText(
      Dataset<Row> mentions, Dataset<Row> gazetteer, Addresses addresses, int maxEdits) {
    Dataset<Row> compared =
        mentions
            .filter(col("address_key").isNotNull())
            .select(
                col("mention_id"),
                col("force_id").as("_force"),
                col("address_key"),
                shortKey(addresses).apply(col("address_key")).as("_short_key"),
                substring_index(col("address_key"), " ", 1).as("_number"))
            .join(
                gazetteer,
                col("_force").equalTo(col("force_id")).and(col("_number").equalTo(col("number"))))
            .withColumn(
                "edits",
                least(
                    levenshtein(col("address_key"), col("full_key")),
                    levenshtein(col("address_key"), col("line_key")),
                    levenshtein(col("_short_key"), col("short_full_key")),
                    levenshtein(col("_short_key"), col("short_line_key"))))
            .filter(col("edits").leq(maxEdits));
    return compared
        .withColumn("_fewest", min("edits").over(Window.partitionBy("force_id", "mention_id")))
        .filter(col("edits").equalTo(col("_fewest")))
        .groupBy("force_id", "mention_id")
        .agg(
            count(lit(1)).as("candidates"),
            first("address_id").as("text_id"),
            first("edits").as("edits"),
            first(
                    when(col("edits").gt(0), lit("fuzzy"))
                        .when(col("address_key").equalTo(col("full_key")), lit("exact"))
                        .otherwise(lit("street")))
                .as("text_method"));
  }

  private static Column placeId() {
    Column of =
        when(
                col("address_id").isNotNull(),
                concat_ws(":", col("force_id"), lit("uprn"), col("address_id")))
            .otherwise(concat_ws(":", col("force_id"), lit("text"), col("address_key")));
    return concat(lit("L-"), substring(sha2(of, 256), 1, 16));
  }

  private static UserDefinedFunction shortKey(Addresses addresses) {
    return udf((UDF1<String, String>) addresses::shortKey, DataTypes.StringType);
  }

  private static UserDefinedFunction key(Addresses addresses, boolean firstLine) {
    return udf(
        (UDF1<String, String>) text -> firstLine ? addresses.lineKey(text) : addresses.key(text),
        DataTypes.StringType);
  }
}
