package org.bluelamp.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.Errors;

/**
 * The UN International Classification of Crime for Statistical Purposes (ICCS 1.0), as far as the
 * forces' code lists use it: {@code pipelines/code_lists/iccs.csv} (code, level, label, parent). An
 * ICCS code's levels are its prefixes: 2 digits a section, 4 a division, 5 a group, 6 a class.
 */
public final class Iccs {
  /** Code length of each level, from level 1 to 4. */
  private static final int[] LENGTHS = {2, 4, 5, 6};

  private Iccs() {}

  public static Dataset<Row> hierarchy(SparkSession spark, Path file) {
    return csv(spark, file, "The ICCS hierarchy", "code, level, label, parent")
        .select(col("code"), col("label"));
  }

  /**
   * A shared code list of {@code pipelines/code_lists/} (UTF-8, with a header), or an error naming
   * {@code what} is missing and the {@code columns} the restored file needs.
   */
  static Dataset<Row> csv(SparkSession spark, Path file, String what, String columns) {
    if (!Files.isRegularFile(file)) {
      throw Errors.usage(
          what + " " + file + " is missing",
          "restore pipelines/code_lists/" + file.getFileName() + " (" + columns + ")");
    }
    return spark.read().option("header", true).option("encoding", "UTF-8").csv(file.toString());
  }

  /**
   * Adds {@code iccs_mapped} and, for each level, {@code iccs_levelN} and {@code
   * iccs_levelN_label}, from the column {@code iccs_code}.
   */
  public static Dataset<Row> classify(Dataset<Row> data, Dataset<Row> hierarchy) {
    Dataset<Row> labels = broadcast(hierarchy);
    Dataset<Row> known =
        broadcast(hierarchy.select(col("code").as("_iccs_known"), lit(true).as("iccs_mapped")));
    Dataset<Row> out =
        data.join(known, data.col("iccs_code").equalTo(known.col("_iccs_known")), "left")
            .drop("_iccs_known")
            .withColumn("iccs_mapped", col("iccs_mapped").isNotNull());
    for (int level = 1; level <= LENGTHS.length; level++) {
      String name = "iccs_level" + level;
      int length = LENGTHS[level - 1];
      Column prefix =
          when(
              col("iccs_mapped").and(length(col("iccs_code")).geq(length)),
              substring(col("iccs_code"), 1, length));
      out = out.withColumn(name, prefix);
      Dataset<Row> levelLabels =
          labels.select(col("code").as("_code_" + level), col("label").as(name + "_label"));
      out =
          out.join(levelLabels, out.col(name).equalTo(levelLabels.col("_code_" + level)), "left")
              .drop("_code_" + level);
    }
    return out;
  }
}
