package org.bluelamp.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The crime counting rules, after the Home Office Counting Rules for Recorded Crime (HOCR), applied
 * to conformed crime records:
 *
 * <ul>
 *   <li><b>Finished incident</b>: crimes raised from the same CAD incident and reported on the same
 *       local day are one finished incident (the HOCR's "same victim, same offender, reported at
 *       the same time": the CAD incident is the report, and one report has one victim set). A crime
 *       without an incident is its own finished incident.
 *   <li><b>Principal crime</b>: a finished incident counts its most serious crime only (the highest
 *       {@code seriousness} of the force's offence list; ties go to the lowest {@code crime_id}).
 *       The other crimes stay in silver, counting zero.
 *   <li><b>One crime per victim</b>: the principal crime counts once per victim it records, and
 *       once when it records none (victimless offences such as drug possession).
 * </ul>
 *
 * Adds {@code finished_incident_id}, {@code principal_crime_id} and {@code counted_crimes}; needs
 * {@code force_id}, {@code crime_id}, {@code incident_id}, {@code local_date}, {@code seriousness}
 * and {@code victims}.
 */
public final class CountingRules {
  private CountingRules() {}

  public static Dataset<Row> apply(Dataset<Row> crimes) {
    Dataset<Row> grouped =
        crimes.withColumn(
            "finished_incident_id",
            when(
                    col("incident_id").isNotNull(),
                    concat_ws("|", col("incident_id"), col("local_date").cast("string")))
                .otherwise(col("crime_id")));
    WindowSpec incident =
        Window.partitionBy(col("force_id"), col("finished_incident_id"))
            .orderBy(coalesce(col("seriousness"), lit(0)).desc(), col("crime_id").asc())
            .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    return grouped
        .withColumn("principal_crime_id", first(col("crime_id")).over(incident))
        .withColumn(
            "counted_crimes",
            when(
                    col("crime_id").equalTo(col("principal_crime_id")),
                    greatest(coalesce(col("victims"), lit(1)), lit(1)))
                .otherwise(lit(0))
                .cast("int"));
  }
}
