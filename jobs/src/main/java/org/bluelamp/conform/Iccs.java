package org.bluelamp.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_contains_key;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
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
   * iccs_levelN_label}, from the column {@code iccs_code}. The hierarchy (a few dozen codes) is
   * read once and looked up in a map, not joined once per level.
   */
  public static Dataset<Row> classify(Dataset<Row> data, Dataset<Row> hierarchy) {
    Column labels = byCode(hierarchy, "iccs.csv");
    Dataset<Row> out =
        data.withColumn(
            "iccs_mapped", coalesce(map_contains_key(labels, col("iccs_code")), lit(false)));
    for (int level = 1; level <= LENGTHS.length; level++) {
      String name = "iccs_level" + level;
      int length = LENGTHS[level - 1];
      Column prefix =
          when(
              col("iccs_mapped").and(length(col("iccs_code")).geq(length)),
              substring(col("iccs_code"), 1, length));
      out = out.withColumn(name, prefix).withColumn(name + "_label", element_at(labels, col(name)));
    }
    return out;
  }

  /**
   * A code list's first column (the code) mapped to its second, as a map column to look codes up in
   * (null when the list is empty: every lookup then gives null). A code listed twice is an error
   * naming {@code file}.
   */
  static Column byCode(Dataset<Row> list, String file) {
    DataType valueType = list.schema().fields()[1].dataType();
    List<Column> entries = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (Row row : list.collectAsList()) {
      if (!codes.add(row.getString(0))) {
        throw Errors.usage(
            "pipelines/code_lists/" + file + " lists the code " + row.getString(0) + " twice",
            "keep one line per code in pipelines/code_lists/" + file);
      }
      entries.add(lit(row.getString(0)));
      entries.add(lit(row.get(1)).cast(valueType));
    }
    return entries.isEmpty()
        ? lit(null).cast(DataTypes.createMapType(DataTypes.StringType, valueType))
        : map(entries.toArray(Column[]::new));
  }
}
