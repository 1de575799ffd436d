package org.bluelamp.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.trim;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code person_key}: a keyed hash of a person record's force, normalised names and date of birth,
 * so analysts can count and link person records without the restricted columns. The secret comes
 * from {@code BLUELAMP_PSEUDONYM_SECRET}; without it a fixed demo secret is used, which anyone with
 * this code can reproduce — set your own in production.
 */
final class PersonKeys implements SilverJob.Derivation {
  static final String SECRET_VARIABLE = "BLUELAMP_PSEUDONYM_SECRET";
  private static final String DEMO_SECRET = "bluelamp-demo-only";

  private final String secret;

  PersonKeys(String secret) {
    this.secret = secret;
  }

  static String secretFromEnvironment() {
    String value = System.getenv(SECRET_VARIABLE);
    return value == null || value.isBlank() ? DEMO_SECRET : value;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> persons) {
    return persons.withColumn(
        "person_key",
        sha2(
            concat_ws(
                "|",
                lit(secret),
                col("force_id"),
                normalised(col("surname")),
                normalised(col("forename")),
                coalesce(col("dob").cast("string"), lit(""))),
            256));
  }

  private static Column normalised(Column name) {
    return coalesce(lower(trim(regexp_replace(name, "\\s+", " "))), lit(""));
  }
}
