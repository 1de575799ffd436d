package org.bluelamp.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;

/**
 * Crimes' ICCS levels, harm weight, latest outcome (from {@code silver.outcome}) and counting
 * rules.
 */
final class CrimeDerivation implements SilverJob.Derivation {

  private final Lake lake;
  private final Pipelines pipelines;

  CrimeDerivation(Lake lake, Pipelines pipelines) {
    this.lake = lake;
    this.pipelines = pipelines;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> crimes) {
    Dataset<Row> classified =
        Iccs.classify(crimes, Iccs.hierarchy(lake.spark(), pipelines.codeListFile("iccs")));
    Dataset<Row> weighed =
        CrimeHarm.weigh(
            classified, CrimeHarm.weights(lake.spark(), pipelines.codeListFile("crime_harm")));
    return CountingRules.apply(withLatestOutcome(weighed));
  }

  private Dataset<Row> withLatestOutcome(Dataset<Row> crimes) {
    if (!lake.exists(Tables.OUTCOME)) {
      return crimes
          .withColumn("outcome_code", lit(null).cast("string"))
          .withColumn("outcome_at", lit(null).cast("timestamp"));
    }
    Dataset<Row> latest =
        lake.read(Tables.OUTCOME)
            .withColumn(
                "_rank",
                row_number()
                    .over(
                        Window.partitionBy("force_id", "crime_id")
                            .orderBy(col("outcome_at").desc(), col("outcome_id").desc())))
            .filter(col("_rank").equalTo(1))
            .select(
                col("force_id").as("_o_force"),
                col("crime_id").as("_o_crime"),
                col("outcome_code"),
                col("outcome_at"));
    return crimes
        .join(
            latest,
            crimes
                .col("force_id")
                .equalTo(latest.col("_o_force"))
                .and(crimes.col("crime_id").equalTo(latest.col("_o_crime"))),
            "left")
        .drop("_o_force", "_o_crime");
  }
}
