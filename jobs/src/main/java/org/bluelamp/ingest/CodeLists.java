package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Errors;
import org.bluelamp.contract.CodeListSpec;
import org.bluelamp.contract.Layout;
import org.bluelamp.contract.ReaderKind;
import org.bluelamp.contract.ReaderSpec;

/**
 * Looks a column up in its code list (a small CSV under {@code pipelines/code_lists/}, read on the
 * driver and broadcast), copies the requested list columns, and flags unknown codes.
 */
final class CodeLists {
  private CodeLists() {}

  static Dataset<Row> lookUp(
      SparkSession spark, Dataset<Row> data, CodeListSpec spec, Path file, int index) {
    String code = "_code_" + index;
    Dataset<Row> list = load(spark, spec, file, code);
    Dataset<Row> joined =
        data.join(broadcast(list), data.col(spec.column()).equalTo(list.col(code)), "left");
    return joined
        .withColumn(
            "_f_code_" + index,
            Failures.when(
                col(spec.column()).isNotNull().and(col(code).isNull()),
                spec.ruleName(),
                spec.column(),
                col(spec.column()),
                spec.onUnknown(),
                concat(
                    lit("code '"),
                    col(spec.column()),
                    lit("' is not in code list " + spec.list()))))
        .drop(code);
  }

  private static Dataset<Row> load(SparkSession spark, CodeListSpec spec, Path file, String code) {
    ReaderSpec csv = new ReaderSpec(ReaderKind.CSV, "", "", Layout.SNAPSHOT, Map.of(), List.of());
    List<Row> rows = new ArrayList<>();
    List<String> added = new ArrayList<>(spec.add().keySet());
    try (InputStream in = Files.newInputStream(file)) {
      Iterator<RawRecord> records = new CsvFileReader(csv).read(in);
      while (records.hasNext()) {
        Map<String, String> fields = records.next().fields();
        List<Object> values = new ArrayList<>();
        values.add(fields.get("code"));
        added.forEach(a -> values.add(fields.get(a)));
        rows.add(RowFactory.create(values.toArray()));
      }
    } catch (IOException e) {
      throw Errors.io("read code list " + file, e);
    }
    StructType schema = new StructType().add(code, DataTypes.StringType);
    for (String column : added) {
      schema = schema.add(spec.add().get(column), DataTypes.StringType);
    }
    return spark.createDataFrame(rows, schema);
  }
}
