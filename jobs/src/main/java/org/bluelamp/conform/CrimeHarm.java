package org.bluelamp.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import java.nio.file.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A crime-harm index in the manner of the Cambridge Crime Harm Index (Sherman, Neyroud and Neyroud
 * 2016): each crime weighs the days of imprisonment a sentencing guideline starts from for its
 * offence. The weights are {@code pipelines/code_lists/crime_harm.csv} (code, harm_days, basis),
 * keyed by ICCS codes of any level: a crime takes the weight of the most specific code of its ICCS
 * hierarchy the file lists (class, then group, division, section), none when no level is listed.
 */
public final class CrimeHarm {
  private CrimeHarm() {}

  public static Dataset<Row> weights(SparkSession spark, Path file) {
    return Iccs.csv(spark, file, "The crime-harm weights", "code, harm_days, basis")
        .select(col("code"), col("harm_days").cast("double"));
  }

  /**
   * Adds {@code harm_days} from the columns {@code iccs_level1..4} ({@link Iccs#classify}): the
   * weights (a few dozen codes) are read once and looked up in a map, not joined four times.
   */
  public static Dataset<Row> weigh(Dataset<Row> crimes, Dataset<Row> weights) {
    Column byCode = Iccs.byCode(weights, "crime_harm.csv");
    Column[] mostSpecificFirst = new Column[4];
    for (int level = 4; level >= 1; level--) {
      mostSpecificFirst[4 - level] = element_at(byCode, col("iccs_level" + level));
    }
    return crimes.withColumn("harm_days", coalesce(mostSpecificFirst));
  }
}
