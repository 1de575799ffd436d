package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
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
import org.bluelamp.contract.ReaderKind;
import org.bluelamp.contract.ReaderSpec;

/**
 * Formats Spark reads itself, turned into the same raw shape the streamed readers give: every
 * declared column as text, lineage ({@code _file}, the record's number as {@code _offset}), the
 * record as JSON in {@code _raw}, and undeclared columns in {@code _extra}.
 *
 * <ul>
 *   <li>Parquet: the offset is the 1-based row number; timestamps are instants, so their text is in
 *       UTC (declare {@code zone: UTC}).
 *   <li>ESRI shapefiles (Sedona's data source): the offset is the shape's record number; the
 *       geometry arrives as GeoJSON text in the column {@code geometry}, like a GeoJSON feature's.
 * </ul>
 */
final class NativeRawReader {
  private static final String SHAPE_KEY = "_shape_record";

  private NativeRawReader() {}

  static Dataset<Row> read(
      SparkSession spark,
      String source,
      ReaderSpec spec,
      List<LandingFile> files,
      List<String> columns) {
    String[] locations = files.stream().map(LandingFile::location).toArray(String[]::new);
    Dataset<Row> data;
    Column offset;
    if (spec.kind() == ReaderKind.SHAPEFILE) {
      // Sedona's shapefile scan gives no input_file_name(): read layer by layer (a source has
      // few) and tag each with its location.
      data =
          files.stream()
              .map(
                  f ->
                      spark
                          .read()
                          .format("shapefile")
                          .option("key.name", SHAPE_KEY)
                          .option("geometry.name", "geometry")
                          .option("charset", spec.option("encoding", "UTF-8"))
                          .load(f.location())
                          .withColumn("geometry", expr("ST_AsGeoJSON(geometry)"))
                          .withColumn("_path", lit(f.location())))
              .reduce((a, b) -> a.unionByName(b, true))
              .orElseThrow();
      offset = col(SHAPE_KEY).cast("long");
    } else {
      data = spark.read().parquet(locations).withColumn("_path", col("_metadata.file_path"));
      offset = col("_metadata.row_index").plus(1);
    }
    List<String> found =
        java.util.Arrays.stream(data.columns())
            .filter(c -> !c.equals(SHAPE_KEY) && !c.equals("_path"))
            .toList();
    List<String> missing = columns.stream().filter(c -> !found.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw Errors.missingColumns(source, files.get(0).name(), missing, found);
    }
    Set<String> declared = Set.copyOf(columns);
    List<Column> undeclaredNames = new ArrayList<>();
    List<Column> undeclaredValues = new ArrayList<>();
    for (StructField field : data.schema().fields()) {
      if (found.contains(field.name()) && !declared.contains(field.name())) {
        undeclaredNames.add(lit(field.name()));
        undeclaredValues.add(text(field));
      }
    }
    List<Column> select = new ArrayList<>();
    select.add(
        regexp_extract(col("_path"), "(" + Pattern.quote(spec.path()) + "/[^/]+)$", 1)
            .as(RawReader.FILE));
    select.add(offset.as(RawReader.OFFSET));
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
