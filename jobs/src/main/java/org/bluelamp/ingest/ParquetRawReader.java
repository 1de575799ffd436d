package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.bluelamp.Errors;
import org.bluelamp.contract.ReaderSpec;

/**
 * Parquet files read by Spark, turned into the same raw shape the streamed readers give: every
 * declared column as text, lineage ({@code _file}, 1-based row number as {@code _offset}), the row
 * as JSON in {@code _raw}, and undeclared columns in {@code _extra}. Parquet timestamps are
 * instants: their text is in UTC, so declare {@code zone: UTC} for them.
 */
final class ParquetRawReader {
  private ParquetRawReader() {}

  static Dataset<Row> read(
      SparkSession spark,
      String source,
      ReaderSpec spec,
      List<LandingFile> files,
      List<String> columns) {
    Dataset<Row> data =
        spark.read().parquet(files.stream().map(LandingFile::location).toArray(String[]::new));
    List<String> found = List.of(data.columns());
    List<String> missing = columns.stream().filter(c -> !found.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw Errors.missingColumns(source, files.get(0).name(), missing, found);
    }
    Set<String> declared = Set.copyOf(columns);
    List<Column> undeclaredNames = new ArrayList<>();
    List<Column> undeclaredValues = new ArrayList<>();
    for (StructField field : data.schema().fields()) {
      if (!declared.contains(field.name())) {
        undeclaredNames.add(lit(field.name()));
        undeclaredValues.add(text(field));
      }
    }
    List<Column> select = new ArrayList<>();
    select.add(
        regexp_extract(col("_metadata.file_path"), "(" + Pattern.quote(spec.path()) + "/[^/]+)$", 1)
            .as(RawReader.FILE));
    select.add(col("_metadata.row_index").plus(1).as(RawReader.OFFSET));
    select.add(
        to_json(struct(found.stream().map(Typing::quoted).toArray(Column[]::new)))
            .as(RawReader.RAW));
    select.add(lit(null).cast("string").as(RawReader.ERROR));
    select.add(
        undeclaredNames.isEmpty()
            ? lit(null).cast("map<string,string>").as(RawReader.EXTRA)
            : map_from_arrays(array(undeclaredNames), array(undeclaredValues)).as(RawReader.EXTRA));
    for (String column : columns) {
      select.add(text(data.schema().apply(column)).as(column));
    }
    return data.select(select.toArray(Column[]::new));
  }

  private static Column array(List<Column> columns) {
    return org.apache.spark.sql.functions.array(columns.toArray(Column[]::new));
  }

  /** A column as text: nested values as JSON, everything else by Spark's cast. */
  private static Column text(StructField field) {
    Column column = Typing.quoted(field.name());
    boolean nested =
        field.dataType() instanceof org.apache.spark.sql.types.StructType
            || field.dataType() instanceof org.apache.spark.sql.types.ArrayType
            || field.dataType() instanceof org.apache.spark.sql.types.MapType;
    return when(column.isNull(), lit(null).cast(DataTypes.StringType))
        .otherwise(nested ? to_json(column) : column.cast(DataTypes.StringType));
  }
}
