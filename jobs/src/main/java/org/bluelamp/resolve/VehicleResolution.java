package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.BuildCache;
import org.bluelamp.lake.Lake;

/**
 * {@code gold.vehicle_link}: every registration silver records (keeper extract, ANPR reads,
 * collisions, stops, penalty notices) with the vehicle it stands for. A registration is brought to
 * its country's format ({@link Registrations}); one plate of one country is one vehicle, so the id
 * ({@code V-} and 16 hex digits of the SHA-256 of country and plate) is the same in every build and
 * across the forces of a country.
 */
public final class VehicleResolution {

  private static final StructType PLATE =
      new StructType()
          .add("vrm", DataTypes.StringType, false)
          .add("vrm_key", DataTypes.StringType, false)
          .add("correction", DataTypes.StringType, true)
          .add("formatted", DataTypes.BooleanType, false);

  private VehicleResolution() {}

  public static Dataset<Row> build(
      Lake lake, Pipelines pipelines, BuildCache cache, Progress progress) {
    VehicleLinkageSpec spec = VehicleLinkageSpec.load(pipelines);
    Dataset<Row> mentions =
        Mentions.read(lake, spec.file(), spec.mentions(), VehicleLinkageSpec.FIELDS)
            .withColumnRenamed("vrm", "vrm_recorded")
            .withColumn("plate", plate(spec.formats()).apply(col("force_id"), col("vrm_recorded")))
            .filter(col("plate").isNotNull());
    Dataset<Row> links =
        cache.keep(
            mentions
                .withColumn("country", countryOf(spec.countries()))
                .select(
                    Mentions.linkColumns(
                        List.of(
                            col("force_id"),
                            col("country"),
                            concat(
                                    lit("V-"),
                                    substring(
                                        sha2(
                                            concat_ws(":", col("country"), col("plate.vrm_key")),
                                            256),
                                        1,
                                        16))
                                .as("vehicle_id"),
                            col("plate.vrm").as("vrm"),
                            col("plate.vrm_key").as("vrm_key")),
                        List.of(
                            col("vrm_recorded"),
                            col("plate.correction").as("correction"),
                            col("plate.formatted").as("formatted")))));
    Row totals =
        links
            .agg(
                count(lit(1)),
                countDistinct("vehicle_id"),
                sum(when(col("correction").isNotNull(), 1).otherwise(0)),
                sum(when(col("formatted"), 0).otherwise(1)))
            .first();
    progress.log(
        "resolve",
        Progress.count(totals.getLong(0))
            + " vehicle mentions, "
            + Progress.count(totals.getLong(1))
            + " vehicles; "
            + Progress.count(totals.isNullAt(2) ? 0 : totals.getLong(2))
            + " registrations corrected to their country's format, "
            + Progress.count(totals.isNullAt(3) ? 0 : totals.getLong(3))
            + " fit no format (kept as written, letters and digits only)");
    return links;
  }

  /** The plate a registration stands for under its force's formats (null: no letter or digit). */
  private static UserDefinedFunction plate(Map<String, Registrations> formats) {
    return udf(
        (UDF2<String, String, Row>)
            (force, written) -> {
              Registrations.Plate p = formats.get(force).read(written);
              return p == null
                  ? null
                  : RowFactory.create(p.vrm(), p.key(), p.correction(), p.formatted());
            },
        PLATE);
  }

  private static Column countryOf(Map<String, String> countries) {
    Column country = lit(null).cast("string");
    for (Map.Entry<String, String> entry : countries.entrySet()) {
      country = when(col("force_id").equalTo(entry.getKey()), entry.getValue()).otherwise(country);
    }
    return country;
  }
}
