package org.bluelamp.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.Errors;

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
    List<Column> entries = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (Row row : weights.collectAsList()) {
      if (!codes.add(row.getString(0))) {
        throw Errors.usage(
            "the crime-harm weights list the code " + row.getString(0) + " twice",
            "keep one line per code in pipelines/code_lists/crime_harm.csv");
      }
      entries.add(lit(row.getString(0)));
      entries.add(lit(row.isNullAt(1) ? null : row.getDouble(1)).cast("double"));
    }
    if (entries.isEmpty()) {
      return crimes.withColumn("harm_days", lit(null).cast("double"));
    }
    Column byCode = map(entries.toArray(Column[]::new));
    Column[] mostSpecificFirst = new Column[4];
    for (int level = 4; level >= 1; level--) {
      mostSpecificFirst[4 - level] = element_at(byCode, col("iccs_level" + level));
    }
    return crimes.withColumn("harm_days", coalesce(mostSpecificFirst));
  }
}
