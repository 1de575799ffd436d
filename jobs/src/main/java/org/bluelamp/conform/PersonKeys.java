package org.bluelamp.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.lake.Pseudonyms;

/**
 * {@code person_key}: the keyed hash ({@link Pseudonyms}) of a person record's force, normalised
 * names and date of birth, so analysts can count and link person records without the restricted
 * columns.
 */
final class PersonKeys implements SilverJob.Derivation {
  private final Pseudonyms pseudonyms;

  PersonKeys(Pseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> persons) {
    return persons.withColumn(
        "person_key",
        pseudonyms.hmac(
            concat_ws(
                "|",
                col("force_id"),
                normalised(col("surname")),
                normalised(col("forename")),
                coalesce(col("dob").cast("string"), lit("")))));
  }

  private static Column normalised(Column name) {
    return coalesce(lower(trim(regexp_replace(name, "\\s+", " "))), lit(""));
  }
}
